#!/usr/bin/env bash
# The PostgreSQL 15 the state-backend tests start themselves (tests/support/postgres.ts): Debian's
# postgresql-15 binaries under /usr/lib/postgresql/15/bin, and an unprivileged `postgres` user to run
# them as (PostgreSQL refuses to run as root). No service is started or enabled.
set -euo pipefail
log() { printf '[setup] %s\n' "$*" >&2; }
if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    log "installing postgresql-15 (apt)"
    export DEBIAN_FRONTEND=noninteractive
    sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
    $sudo_ apt-get update -qq >&2
    # policy-rc.d 101: the package's post-install must not start a system cluster.
    $sudo_ sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
    $sudo_ apt-get install -y -qq --no-install-recommends postgresql-15 >&2
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    log "creating the postgres system user"
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi
