#!/bin/bash
# `bash scripts/release-tarball.sh <commit>`: the npm tarball of the package as it was at <commit>
# (a released version), built once and cached by commit under ~/.cache/pulumi-notebooks/releases/;
# prints the tarball's path. Used by tests/e2e/upgrade.spec.ts (a stack made by the last release,
# refreshed and destroyed by this tree's code).
set -euo pipefail
commit=$(git -C "$(dirname "$0")/.." rev-parse "${1:?usage: release-tarball.sh <commit>}^{commit}")
cache="${PULUMI_NOTEBOOKS_CACHE:-$HOME/.cache/pulumi-notebooks}/releases/$commit"
if ls "$cache"/pulumi-notebooks-*.tgz >/dev/null 2>&1; then
    ls "$cache"/pulumi-notebooks-*.tgz | head -1
    exit 0
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$repo" worktree add --detach "$work/src" "$commit" >/dev/null 2>&1
(
    cd "$work/src"
    npm ci --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error >&2
    npx tsc -p tsconfig.json >&2
    mkdir -p "$work/out"
    npm pack --pack-destination "$work/out" --loglevel=error >/dev/null
)
mkdir -p "$cache"
mv "$work"/out/pulumi-notebooks-*.tgz "$cache/"
ls "$cache"/pulumi-notebooks-*.tgz | head -1
