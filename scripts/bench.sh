#!/usr/bin/env bash
# `npm run bench`: the scale benchmark through the real pulumi CLI (set-up as for the tests).
set -euo pipefail
exec bash "$(dirname "${BASH_SOURCE[0]}")/with-toolchain.sh" node dist/bench/scale.js "$@"
