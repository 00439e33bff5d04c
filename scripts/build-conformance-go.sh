#!/usr/bin/env bash
# Builds the Go conformance programs under tests/conformance/go/ (Huawei's generated Go client
# driving the emulator) into the per-user cache, keyed by the pinned SDK version and a hash of the
# program's sources, and prints `KEY=path` lines on stdout; progress goes to stderr.
#
#   scripts/build-conformance-go.sh          build what is missing, print MODELARTS_NOTEBOOKS_CONFORMANCE_BIN=...
#   scripts/build-conformance-go.sh --env    print only what is already built (exit 3 if not)
#
# Called by scripts/pulumi-toolchain.sh (so set-up builds it once) and by the mocha spec that runs it.
# The cache root is the toolchain's: $PULUMI_NOTEBOOKS_CACHE, else $XDG_CACHE_HOME/pulumi-notebooks,
# else ~/.cache/pulumi-notebooks. The module has a complete go.sum: no checksum-database lookups.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-ensure}"
log() { printf '[conformance-go] %s\n' "$*" >&2; }

src="$root/tests/conformance/go/modelarts-notebooks"
sdk_version="$(sed -n 's#^require github.com/huaweicloud/huaweicloud-sdk-go-v3 \(v[^ ]*\)$#\1#p' "$src/go.mod")"
[ -n "$sdk_version" ] || { log "error: $src/go.mod does not pin huaweicloud-sdk-go-v3"; exit 1; }
hash="$(cat "$src/go.mod" "$src/go.sum" "$src"/*.go | sha256sum | cut -c1-12)"
cache_root="${PULUMI_NOTEBOOKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-notebooks}"
out_dir="$cache_root/conformance/huaweicloud-sdk-go-v3-$sdk_version/modelarts-notebooks-$hash"
bin="$out_dir/modelarts-notebooks"

if [ ! -x "$bin" ]; then
    [ "$mode" = "--env" ] && { log "not built yet: run scripts/build-conformance-go.sh"; exit 3; }
    command -v go >/dev/null 2>&1 || { log "error: Go is required to build the conformance program (none on PATH)"; exit 1; }
    mkdir -p "$out_dir"
    start=$(date +%s)
    log "building the ModelArts notebooks conformance program (huaweicloud-sdk-go-v3 $sdk_version; first time: a few minutes)"
    # GOTOOLCHAIN=local: never download another Go; -mod=readonly: the committed go.sum is the whole truth.
    (cd "$src" && GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly GONOSUMDB='*' go build -trimpath -o "$bin.tmp" .)
    mv "$bin.tmp" "$bin"
    log "  done in $(( $(date +%s) - start ))s: $bin"
fi
printf 'MODELARTS_NOTEBOOKS_CONFORMANCE_BIN=%s\n' "$bin"
