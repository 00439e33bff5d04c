#!/usr/bin/env bash
# `npm test`: set-up (npm deps, build, Pulumi toolchain), formatting and lint (prettier, eslint),
# then mocha over unit, conformance, integration and end-to-end tests. `npm test -- unit` (or
# lint, conformance, integration, e2e) runs one ring.
#
# Mocha runs spec files in parallel worker processes (NOTEBOOKS_TEST_JOBS of them, 3 unless set;
# 1 runs them serially in one process): most of an end-to-end test's time is a pulumi CLI run
# waiting on a program, a plugin or the emulator's provisioning, so three workers keep two cores
# busy. Slowest files start first (scripts/spec-order.mjs, from the last run's times).
set -euo pipefail
shopt -s globstar nullglob
ring="${1:-all}"
here="$(dirname "${BASH_SOURCE[0]}")"
cd "$here/.."
case "$ring" in
    all) specs=(tests/unit/**/*.spec.ts tests/conformance/**/*.spec.ts tests/integration/**/*.spec.ts tests/e2e/**/*.spec.ts) ;;
    unit|conformance|integration|e2e) specs=(tests/"$ring"/**/*.spec.ts) ;;
    lint) specs=() ;;
    *) echo "usage: npm test [-- lint|unit|conformance|integration|e2e]" >&2; exit 2 ;;
esac
lint='npx --no-install prettier --check --log-level warn . && npx --no-install eslint --max-warnings 0 . && echo "[lint] prettier and eslint: clean"'
case "$ring" in
    all|lint) run="$lint" ;;
    *) run=true ;;
esac
cache_root="${PULUMI_NOTEBOOKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-notebooks}"
export NOTEBOOKS_SPEC_TIMES="${NOTEBOOKS_SPEC_TIMES:-$cache_root/spec-times.json}"
jobs="${NOTEBOOKS_TEST_JOBS:-3}"
parallel=()
[ "$jobs" -gt 1 ] && parallel=(--parallel --jobs "$jobs")
if [ ${#specs[@]} -gt 0 ]; then
    mapfile -t ordered < <(node scripts/spec-order.mjs "${specs[@]}")
    run="$run && npx --no-install mocha \"\$@\""
    exec bash scripts/with-toolchain.sh bash -c "$run" mocha "${parallel[@]}" "${ordered[@]}"
fi
exec bash scripts/with-toolchain.sh bash -c "$run"
