#!/usr/bin/env bash
# build-random-plugin.sh <version> <output-binary>
# Builds the `random` resource provider plugin from Go modules: terraform-provider-random bridged
# with pulumi-terraform-bridge, using this repo's own token mapping (toolchain/random). The
# published plugin's module (pulumi-random/provider/v4) is not served by the module proxy here, so
# the same upstream pieces are assembled locally; the plugin reports <version>, the version the
# @pulumi/random npm SDK asks for. Works in a scratch copy: tfgen writes the schema it embeds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$1"
out="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/toolchain/random/." "$work/"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly GONOSUMDB='*'
cd "$work"
go mod download
go build -trimpath -o "$work/pulumi-tfgen-random" ./cmd/pulumi-tfgen-random
# PULUMI_CONVERT=0: no HCL example conversion (it needs a pulumi CLI and only feeds docs).
PULUMI_CONVERT=0 "$work/pulumi-tfgen-random" schema --out "$work/gen" >"$work/tfgen.log" 2>&1 || { cat "$work/tfgen.log" >&2; exit 1; }
cp "$work/gen/schema.json" cmd/pulumi-resource-random/schema.json
go build -trimpath -tags osusergo,grpcnotrace -ldflags "-X pulumi-notebooks/toolchain/random/provider.Version=$version" -o "$out" ./cmd/pulumi-resource-random
