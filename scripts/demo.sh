#!/usr/bin/env bash
# `npm run demo [-- --destroy]`: set-up (npm deps, build, Pulumi toolchain; the first run builds
# the CLI from Go modules), then the demo against the embedded emulator.
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/with-toolchain.sh" node dist/scripts/demo.js "$@"
