#!/usr/bin/env bash
# `npm test`: set-up (npm deps, build, Pulumi toolchain), formatting and lint (prettier, eslint),
# then mocha over unit, conformance, integration and end-to-end tests. `npm test -- unit` (or
# lint, conformance, integration, e2e) runs one ring.
set -euo pipefail
ring="${1:-all}"
here="$(dirname "${BASH_SOURCE[0]}")"
case "$ring" in
    all) specs=("tests/unit/**/*.spec.ts" "tests/conformance/**/*.spec.ts" "tests/integration/**/*.spec.ts" "tests/e2e/**/*.spec.ts") ;;
    unit|conformance|integration|e2e) specs=("tests/$ring/**/*.spec.ts") ;;
    lint) specs=() ;;
    *) echo "usage: npm test [-- lint|unit|conformance|integration|e2e]" >&2; exit 2 ;;
esac
lint='npx --no-install prettier --check --log-level warn . && npx --no-install eslint --max-warnings 0 . && echo "[lint] prettier and eslint: clean"'
case "$ring" in
    all|lint) run="$lint" ;;
    *) run=true ;;
esac
[ ${#specs[@]} -gt 0 ] && run="$run && npx --no-install mocha \"\$@\""
exec bash "$here/with-toolchain.sh" bash -c "$run" mocha "${specs[@]}"
