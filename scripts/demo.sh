#!/usr/bin/env bash
# `npm run demo [-- --destroy]`: set-up (npm deps, build, Pulumi toolchain; the first run builds
# the CLI from Go modules), then the demo against the embedded emulator.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
env_file="$(mktemp)"
trap 'rm -f "$env_file"' EXIT
bash scripts/setup.sh > "$env_file"
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
exec node dist/scripts/demo.js "$@"
