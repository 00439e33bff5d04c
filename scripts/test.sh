#!/usr/bin/env bash
# `npm test`: set-up (npm deps, build, Pulumi toolchain), then mocha over unit, integration and
# end-to-end tests. `npm test -- unit` (or conformance, integration, e2e) runs one ring.
set -euo pipefail
ring="${1:-all}"
case "$ring" in
    all) specs=("tests/unit/**/*.spec.ts" "tests/conformance/**/*.spec.ts" "tests/integration/**/*.spec.ts" "tests/e2e/**/*.spec.ts") ;;
    unit|conformance|integration|e2e) specs=("tests/$ring/**/*.spec.ts") ;;
    *) echo "usage: npm test [-- unit|conformance|integration|e2e]" >&2; exit 2 ;;
esac
exec bash "$(dirname "${BASH_SOURCE[0]}")/with-toolchain.sh" npx --no-install mocha "${specs[@]}"
