#!/usr/bin/env bash
# Everything `npm test` and `npm run demo` need on a fresh clone: npm dependencies, the compiled
# package, the package linked into its own node_modules (so the demo project at the root resolves
# `pulumi-notebooks` like any consumer does), and the offline Pulumi toolchain.
# Prints the toolchain's KEY=value lines on stdout; progress goes to stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log() { printf '[setup] %s\n' "$*" >&2; }

if [ ! -d node_modules/@pulumi/pulumi ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    start=$(date +%s)
    npm ci --no-audit --no-fund --loglevel=error >&2
    log "  done in $(( $(date +%s) - start ))s"
fi
ln -sfn .. node_modules/pulumi-notebooks
log "compiling TypeScript"
npx --no-install tsc -p tsconfig.json >&2
bash scripts/postgres-setup.sh
bash scripts/pulumi-toolchain.sh
