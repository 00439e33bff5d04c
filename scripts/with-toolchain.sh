#!/usr/bin/env bash
# Runs set-up (npm dependencies, build, Pulumi toolchain), then the given command with the
# toolchain's environment (PULUMI_TOOLCHAIN_BIN, PULUMI_HOME, ...).
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
rm -f "$env_file"
trap - EXIT
exec "$@"
