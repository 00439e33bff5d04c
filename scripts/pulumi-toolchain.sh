#!/usr/bin/env bash
# Makes a working, offline Pulumi CLI available for this project and prints `KEY=value` lines
# (PULUMI_TOOLCHAIN_BIN, PULUMI_HOME) on stdout; progress goes to stderr.
#
#   scripts/pulumi-toolchain.sh            ensure the toolchain, print its env
#   scripts/pulumi-toolchain.sh --env      print the env only if it is already complete (exit 3 if not)
#
# Order of preference:
#   1. a `pulumi` on PATH whose version equals the pinned @pulumi/pulumi, with
#      pulumi-language-nodejs beside it (set PULUMI_NOTEBOOKS_USE_PATH=0 to ignore it);
#   2. binaries built earlier into the per-user cache, keyed by version;
#   3. a build from the Go module proxy (wrapper modules with pinned go.sum in toolchain/).
#
# Nothing here reads or writes ~/.pulumi: PULUMI_HOME is the cache's own directory. The cache root
# is $PULUMI_NOTEBOOKS_CACHE, else $XDG_CACHE_HOME/pulumi-notebooks, else ~/.cache/pulumi-notebooks.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:-ensure}"

log() { printf '[toolchain] %s\n' "$*" >&2; }
die() { printf '[toolchain] error: %s\n' "$*" >&2; exit 1; }

step_start=0
step() { step_start=$(date +%s); log "$*"; }
step_done() { log "  done in $(( $(date +%s) - step_start ))s"; }

# --- versions -------------------------------------------------------------------------------
node_pkg_field() { # <package dir> <js expression over p>
    node -e "const p=require(process.argv[1]+'/package.json');process.stdout.write(String($2))" "$1"
}
sdk_dir="$root/node_modules/@pulumi/pulumi"
[ -f "$sdk_dir/package.json" ] || die "node_modules/@pulumi/pulumi is missing: run 'npm ci' first"
pulumi_version="$(node_pkg_field "$sdk_dir" 'p.version')"
cli_pin="$(sed -n 's#^require github.com/pulumi/pulumi/pkg/v3 v\(.*\)$#\1#p' "$root/toolchain/cli/go.mod")"
[ "$pulumi_version" = "$cli_pin" ] || die "@pulumi/pulumi is $pulumi_version but toolchain/cli/go.mod pins pkg/v3 v$cli_pin; keep them equal"

random_dir="$root/node_modules/@pulumi/random"
random_version=""
# The random provider plugin is built from toolchain/random when that wrapper module exists.
if [ -f "$root/toolchain/random/go.mod" ] && [ -f "$random_dir/package.json" ]; then
    random_version="$(node_pkg_field "$random_dir" 'p.pulumi.version')"
fi

cache_root="${PULUMI_NOTEBOOKS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-notebooks}"
tc_dir="$cache_root/toolchain/v$pulumi_version"
bin_dir="$tc_dir/bin"
home_dir="$tc_dir/home"

emit_env() {
    printf 'PULUMI_TOOLCHAIN_BIN=%s\n' "$1"
    printf 'PULUMI_HOME=%s\n' "$home_dir"
    printf 'PULUMI_VERSION=%s\n' "$pulumi_version"
    printf 'RANDOM_PLUGIN_VERSION=%s\n' "$random_version"
    # The Go conformance programs (Huawei's generated client, tests/conformance/go/) go into the same
    # cache. Not fatal: the conformance spec builds it again and shows the error.
    if [ "$mode" = "--env" ]; then
        "$root/scripts/build-conformance-go.sh" --env 2>/dev/null || true
    else
        "$root/scripts/build-conformance-go.sh" || log "warning: the Go conformance program did not build (see above)"
    fi
}

offline_env() {
    export PULUMI_HOME="$home_dir"
    export PULUMI_SKIP_UPDATE_CHECK=true
    export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
    export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
}

random_installed() { # <bin dir>
    [ -z "$random_version" ] && return 0
    ls -d "$home_dir/plugins/resource-random-v$random_version" >/dev/null 2>&1
}

# --- 1. a compatible pulumi on PATH -----------------------------------------------------------
if [ "${PULUMI_NOTEBOOKS_USE_PATH:-1}" != 0 ] && command -v pulumi >/dev/null 2>&1; then
    path_bin="$(dirname "$(command -v pulumi)")"
    path_version="$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null | sed 's/^v//')"
    if [ "$path_version" = "$pulumi_version" ] && [ -x "$path_bin/pulumi-language-nodejs" ] && [ "$path_bin" != "$bin_dir" ]; then
        log "using pulumi $path_version from PATH ($path_bin)"
        bin_dir="$path_bin"
    fi
fi

go_program="$root/tests/fixtures/native-go"
go_program_stamp="$tc_dir/native-go.sum"
go_program_ready() { [ ! -f "$go_program/go.mod" ] || cmp -s "$go_program/go.sum" "$go_program_stamp"; }

sdk_hosts_ready() { [ -x "$bin_dir/pulumi-language-python" ] && [ -x "$bin_dir/pulumi-language-python-exec" ] && [ -x "$bin_dir/pulumi-language-dotnet" ] && [ -x "$bin_dir/pulumi-language-java" ]; }

complete() {
    go_program_ready && [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ] && [ -x "$bin_dir/pulumi-language-yaml" ] && [ -x "$bin_dir/pulumi-language-go" ] && [ -x "$bin_dir/pulumi-resource-pulumi-nodejs" ] && random_installed
}

if complete && { [ "$mode" = "--env" ] || sdk_hosts_ready; }; then
    emit_env "$bin_dir"
    exit 0
fi
[ "$mode" = "--env" ] && { log "toolchain not built yet: run scripts/pulumi-toolchain.sh"; exit 3; }

# --- 3. build from Go modules -----------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "Go is required to build the Pulumi CLI offline (need go >= 1.25.11; none on PATH)"
go_have="$(go env GOVERSION | sed 's/^go//')"
go_need="$(sed -n 's/^go //p' "$root/toolchain/cli/go.mod")"
if [ "$(printf '%s\n%s\n' "$go_need" "$go_have" | sort -V | head -n1)" != "$go_need" ]; then
    die "Go $go_have is older than the $go_need the Pulumi $pulumi_version modules require; install a newer Go"
fi

mkdir -p "$bin_dir" "$home_dir"
# Pulumi's release build settings; GOTOOLCHAIN=local stops Go from downloading another toolchain.
# The wrapper modules carry complete go.sum files, so no checksum-database lookup is needed.
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly GONOSUMDB='*'
ldflag_pkg="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
build() { # <wrapper dir> <package> <output> <version string>
    (cd "$1" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "-X $ldflag_pkg=v$4" -o "$3" "$2")
}

if [ ! -x "$bin_dir/pulumi" ] || [ "$("$bin_dir/pulumi" version 2>/dev/null)" != "v$pulumi_version" ]; then
    step "building pulumi v$pulumi_version from the Go module proxy (first time: ~1.5 GB of modules, several minutes)"
    (cd "$root/toolchain/cli" && go mod download) || die "downloading the Pulumi CLI modules failed (is the Go module proxy reachable?)"
    build "$root/toolchain/cli" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$bin_dir/pulumi.tmp" "$pulumi_version"
    mv "$bin_dir/pulumi.tmp" "$bin_dir/pulumi"
    step_done
fi

if [ ! -x "$bin_dir/pulumi-language-nodejs" ]; then
    # The language host is its own module without tags; the module proxy reachable here serves it
    # only at the 3.163.0 release commit, so that is the one built (see toolchain/README.md).
    lh_version="$(sed -n 's#^\tgithub.com/pulumi/pulumi/sdk/v3 v\([0-9.]*\) // indirect$#\1#p' "$root/toolchain/language-nodejs/go.mod")"
    step "building pulumi-language-nodejs (release $lh_version)"
    (cd "$root/toolchain/language-nodejs" && go mod download) || die "downloading the language host modules failed"
    build "$root/toolchain/language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
        "$bin_dir/pulumi-language-nodejs.tmp" "$lh_version"
    mv "$bin_dir/pulumi-language-nodejs.tmp" "$bin_dir/pulumi-language-nodejs"
    step_done
fi

if [ ! -x "$bin_dir/pulumi-language-yaml" ]; then
    # YAML programs of the native provider (issue 25). pulumi-yaml v1.37.0 (the one 3.248 bundles)
    # needs pulumi/pkg v3.247.0, which the module proxy here does not serve; v1.38.1 builds against
    # v3.256.0, which it does (toolchain/language-yaml/go.mod). The host speaks the stable
    # LanguageRuntime gRPC protocol to the 3.248 CLI.
    yaml_version="$(sed -n 's#^require github.com/pulumi/pulumi-yaml v\([0-9.]*\)$#\1#p' "$root/toolchain/language-yaml/go.mod")"
    step "building pulumi-language-yaml (pulumi-yaml v$yaml_version)"
    (cd "$root/toolchain/language-yaml" && go mod download) || die "downloading the YAML language host modules failed"
    (cd "$root/toolchain/language-yaml" && go build -trimpath -ldflags "-X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$yaml_version" \
        -o "$bin_dir/pulumi-language-yaml.tmp" github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml) || die "building pulumi-language-yaml failed"
    mv "$bin_dir/pulumi-language-yaml.tmp" "$bin_dir/pulumi-language-yaml"
    step_done
fi

if [ ! -x "$bin_dir/pulumi-language-go" ]; then
    # Go programs and `pulumi package gen-sdk --language go` of the native provider (issue 25). Like
    # the Node.js host, the module proxy here serves it only at the 3.163.0 release commit (the
    # 3.248.0 and 3.256.0 commits answer 403); programs still build against sdk/v3 v3.248.0.
    go_lh_version="$(sed -n 's#^\tgithub.com/pulumi/pulumi/sdk/v3 v\([0-9.]*\) // indirect$#\1#p' "$root/toolchain/language-go/go.mod")"
    step "building pulumi-language-go (release $go_lh_version)"
    (cd "$root/toolchain/language-go" && go mod download) || die "downloading the Go language host modules failed"
    build "$root/toolchain/language-go" github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 \
        "$bin_dir/pulumi-language-go.tmp" "$go_lh_version"
    mv "$bin_dir/pulumi-language-go.tmp" "$bin_dir/pulumi-language-go"
    step_done
fi

# The hosts `pulumi package gen-sdk` needs for Python, .NET and Java SDKs of the native provider
# (issue 25: generated and checked offline; their package registries are unreachable, so their
# programs do not run here). Not fatal: tests/e2e/native-sdks.spec.ts names a missing one.
# python: the 3.163.0 release commit (as for nodejs/go); dotnet: pulumi-dotnet v3.110.0;
# java: pulumi-java v1.34.0 (pkg/cmd/pulumi-language-java).
sdk_host() { # <name> <package>
    [ -x "$bin_dir/pulumi-language-$1" ] && return 0
    step "building pulumi-language-$1 (toolchain/language-$1)"
    # A temporary name of its own: two set-ups may build at once.
    if (cd "$root/toolchain/language-$1" && go mod download && go build -trimpath -o "$bin_dir/pulumi-language-$1.tmp$$" "$2") &&
        mv "$bin_dir/pulumi-language-$1.tmp$$" "$bin_dir/pulumi-language-$1"; then
        step_done
    else
        log "warning: pulumi-language-$1 did not build (see above)"
    fi
}
sdk_host python github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3
# The Python host runs programs and codegen through this script from sdk/v3's source.
py_exec="$(go env GOMODCACHE)/github.com/pulumi/pulumi/sdk/v3@v$(sed -n 's#^\tgithub.com/pulumi/pulumi/sdk/v3 v\([0-9.]*\) // indirect$#\1#p' "$root/toolchain/language-python/go.mod")/python/cmd/pulumi-language-python-exec"
[ -x "$bin_dir/pulumi-language-python-exec" ] || { [ -f "$py_exec" ] && install -m 0755 "$py_exec" "$bin_dir/pulumi-language-python-exec"; } || log "warning: $py_exec is missing"
sdk_host dotnet github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3
sdk_host java github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java

if ! go_program_ready; then
    # The modules a Go program on the native SDK needs (sdk/v3 at the pinned version), so the e2e
    # program resolves offline from the module cache (GOPROXY=off), and its packages compiled once
    # into Go's build cache (cold, that compile is most of a Go program's first `pulumi up`).
    step "downloading and compiling sdk/v3 v$pulumi_version for Go programs (tests/fixtures/native-go)"
    (cd "$go_program" && GOFLAGS=-mod=mod go mod download && GOFLAGS=-mod=mod go build github.com/blang/semver \
        github.com/pulumi/pulumi/sdk/v3/go/pulumi github.com/pulumi/pulumi/sdk/v3/go/pulumi/config) ||
        die "downloading or compiling the Go program's modules (sdk/v3 v$pulumi_version) failed"
    cp "$go_program/go.sum" "$go_program_stamp"
    step_done
fi

# The engine launches dynamic providers through this script from the npm package.
install -m 0755 "$sdk_dir/pulumi-resource-pulumi-nodejs" "$bin_dir/pulumi-resource-pulumi-nodejs"

if ! random_installed; then
    # Kept off PATH: the engine should load the registered plugin, not a binary beside pulumi.
    random_bin="$tc_dir/random/pulumi-resource-random"
    mkdir -p "$tc_dir/random"
    if [ ! -x "$random_bin" ] || [ "$("$random_bin" -version 2>/dev/null || true)" != "$random_version" ]; then
        step "building pulumi-resource-random v$random_version"
        "$root/scripts/build-random-plugin.sh" "$random_version" "$random_bin.tmp" || die "building the random provider plugin failed"
        mv "$random_bin.tmp" "$random_bin"
        step_done
    fi
    offline_env
    step "registering random v$random_version with pulumi plugin install --file"
    "$bin_dir/pulumi" plugin install resource random "$random_version" --file "$random_bin" >&2
    step_done
fi

complete || die "toolchain incomplete after build (see messages above)"
log "ready: $("$bin_dir/pulumi" version) in $bin_dir"
emit_env "$bin_dir"
