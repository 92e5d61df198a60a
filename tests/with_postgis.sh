#!/usr/bin/env bash
# Runs a command with two throwaway PostgreSQL 15 + PostGIS clusters, always stopped and removed afterwards
# (also when the command fails or is interrupted); exits with the command's status.
#
#   main  Unix socket only (listen_addresses=''), in a fresh temporary folder; trust authentication for the
#         socket; database hpatlas_test with the postgis extension.
#   tls   ssl=on, listening on 127.0.0.1 on a free TCP port, a server certificate for `localhost` signed by a
#         test CA made here with openssl; pg_hba admits only hostssl + scram-sha-256 (and rejects the role
#         hp_blocked), so TLS, passwords and password files are tested for real.
#
# Exported for the command (tests/headless/pg_support.rs reads them):
#   HPATLAS_TEST_PG            libpq connection string of the main cluster's hpatlas_test database
#   HPATLAS_TEST_PG_TLS_HOST / _PORT / _USER / _PASSWORD / _DBNAME / _CA   the TLS cluster and its CA (PEM)
#   HPATLAS_TEST_PG_BIN        the PostgreSQL programs (initdb, pg_ctl, postgres)
#   HPATLAS_TEST_PG_TEMPLATE   an initdb'd, never started data folder to copy for a private cluster
#   HPATLAS_TEST_PG_SCRATCH    a folder where tests may create private clusters (stopped here at the end)
#   HPATLAS_TEST_PG_RUN_AS     the user the server programs must run as ("postgres" when run as root)
#
# The TLS cluster listens on 127.0.0.1 of this network namespace: a command run inside `unshare -n` (as
# tests/no_network.sh does) reaches the main cluster through its socket file but not the TLS cluster. The
# TLS tests live in the headless test binary, which no_network.sh does not run.
#
# Nothing is installed unless something is missing: then, as root, `apt-get install postgresql
# postgresql-15-postgis-3 openssl`; otherwise the apt command is printed and the script fails. Debian's
# default cluster is never used (it does not start in containers). When HPATLAS_TEST_PG is already set and
# answers (a nested call), the command simply runs.
#
# Usage: tests/with_postgis.sh COMMAND [ARGUMENT…]
set -uo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: tests/with_postgis.sh COMMAND [ARGUMENT...]" >&2
    exit 2
fi

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
POSTGIS_CONTROL="/usr/share/postgresql/$PG_VERSION/extension/postgis.control"
PORT=5432

say() { echo "with_postgis: $*" >&2; }

if [ -n "${HPATLAS_TEST_PG:-}" ] && [ -n "${HPATLAS_TEST_PG_BIN:-}" ] \
    && "$HPATLAS_TEST_PG_BIN/psql" "$HPATLAS_TEST_PG" -Atqc 'select 1' >/dev/null 2>&1; then
    "$@"
    exit $?
fi

missing=()
[ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] && [ -x "$PG_BIN/psql" ] || missing+=(postgresql)
[ -f "$POSTGIS_CONTROL" ] || missing+=("postgresql-$PG_VERSION-postgis-3")
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        say "PostgreSQL $PG_VERSION with PostGIS is needed for the tests; install it with:"
        say "  sudo apt-get install -y postgresql postgresql-$PG_VERSION-postgis-3 openssl"
        exit 1
    fi
    say "installing ${missing[*]}"
    apt-get update -qq || exit 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql "postgresql-$PG_VERSION-postgis-3" openssl \
        || exit 1
fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f s", b - a }'; }

if [ "$(id -u)" -eq 0 ]; then
    RUN_AS=postgres
    as_server() { runuser -u postgres -- "$@"; }
else
    RUN_AS=""
    as_server() { "$@"; }
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/hpatlas-pg.XXXXXX") || exit 1
chmod 755 "$WORK"
[ -n "$RUN_AS" ] && chown "$RUN_AS:" "$WORK"

cleanup() {
    local status=$?
    trap - EXIT INT TERM HUP
    # Every cluster under the folder, the tests' private ones included, stops at once.
    for pidfile in "$WORK"/*/data/postmaster.pid "$WORK"/private/*/data/postmaster.pid; do
        [ -f "$pidfile" ] || continue
        as_server "$PG_BIN/pg_ctl" -D "$(dirname "$pidfile")" -m immediate -w stop >/dev/null 2>&1 || true
    done
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

fail() {
    say "$*"
    for log in "$WORK"/*/log; do
        [ -f "$log" ] && { say "--- $log"; tail -n 20 "$log" >&2; }
    done
    exit 1
}

psql_at() { # socket folder, database, SQL
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$PORT_OF" -U postgres -d "$2" -c "$3" >/dev/null
}

# One initdb; the main and TLS clusters (and the tests' private ones) copy its result.
start=$(now)
as_server mkdir -p "$WORK/template" "$WORK/main" "$WORK/tls" "$WORK/private" || fail "cannot make folders"
as_server "$PG_BIN/initdb" -D "$WORK/template/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$WORK/template/log" 2>&1 || fail "initdb failed"
say "initdb $(elapsed "$start")"

# --- the main cluster: Unix socket only ---
as_server cp -a "$WORK/template/data" "$WORK/main/data" || fail "cannot copy the template cluster"
start=$(now)
as_server "$PG_BIN/pg_ctl" -D "$WORK/main/data" -l "$WORK/main/log" -w -t 30 \
    -o "-c listen_addresses='' -c unix_socket_directories='$WORK/main' -p $PORT -c fsync=off" \
    start >/dev/null || fail "the main cluster did not start"
say "main cluster started $(elapsed "$start")"
start=$(now)
PORT_OF=$PORT
psql_at "$WORK/main" postgres "CREATE DATABASE hpatlas_test" || fail "CREATE DATABASE failed"
psql_at "$WORK/main" hpatlas_test "CREATE EXTENSION postgis" || fail "CREATE EXTENSION postgis failed"
say "CREATE DATABASE + EXTENSION postgis $(elapsed "$start")"

# --- the TLS cluster: 127.0.0.1, a certificate from a test CA, scram-sha-256 ---
start=$(now)
tls_port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()') \
    || fail "no free TCP port"
as_server cp -a "$WORK/template/data" "$WORK/tls/data" || fail "cannot copy the template cluster"
certs="$WORK/tls/certs"
mkdir -p "$certs"
(
    cd "$certs" || exit 1
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -days 2 \
        -subj "/CN=hpatlas test CA" -keyout ca.key -out ca.pem \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
        -subj "/CN=localhost" -keyout server.key -out server.csr &&
    printf 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' >server.ext &&
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
        -extfile server.ext -out server.crt
) >"$WORK/tls/openssl.log" 2>&1 || { cat "$WORK/tls/openssl.log" >&2; fail "openssl could not make the test certificates"; }
chmod 644 "$certs/ca.pem" "$certs/server.crt"
chmod 600 "$certs/server.key"
[ -n "$RUN_AS" ] && chown -R "$RUN_AS:" "$certs"
chmod 755 "$certs"
as_server tee "$WORK/tls/data/pg_hba.conf" >/dev/null <<'HBA'
# The TLS test cluster: the socket for setting up, TLS + password from TCP, one role always rejected.
local   all  all                   trust
hostssl all  hp_blocked 127.0.0.1/32  reject
hostssl all  all        127.0.0.1/32  scram-sha-256
hostssl all  all        ::1/128       scram-sha-256
HBA
as_server "$PG_BIN/pg_ctl" -D "$WORK/tls/data" -l "$WORK/tls/log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $tls_port -c unix_socket_directories='$WORK/tls' -c fsync=off \
        -c ssl=on -c ssl_cert_file='$certs/server.crt' -c ssl_key_file='$certs/server.key' \
        -c password_encryption=scram-sha-256" \
    start >/dev/null || fail "the TLS cluster did not start"
tls_password="hp-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
PORT_OF=$tls_port
psql_at "$WORK/tls" postgres "CREATE ROLE hp_planner LOGIN PASSWORD '$tls_password'" || fail "CREATE ROLE failed"
psql_at "$WORK/tls" postgres "CREATE ROLE hp_blocked LOGIN PASSWORD '$tls_password'" || fail "CREATE ROLE failed"
psql_at "$WORK/tls" postgres "CREATE DATABASE hpatlas_tls OWNER hp_planner" || fail "CREATE DATABASE failed"
say "TLS cluster (certificates, start, roles) on 127.0.0.1:$tls_port $(elapsed "$start")"

export HPATLAS_TEST_PG="host=$WORK/main port=$PORT user=postgres dbname=hpatlas_test"
export HPATLAS_TEST_PG_TLS_HOST=localhost
export HPATLAS_TEST_PG_TLS_PORT="$tls_port"
export HPATLAS_TEST_PG_TLS_USER=hp_planner
export HPATLAS_TEST_PG_TLS_PASSWORD="$tls_password"
export HPATLAS_TEST_PG_TLS_DBNAME=hpatlas_tls
export HPATLAS_TEST_PG_TLS_CA="$certs/ca.pem"
export HPATLAS_TEST_PG_BIN="$PG_BIN"
export HPATLAS_TEST_PG_TEMPLATE="$WORK/template/data"
export HPATLAS_TEST_PG_SCRATCH="$WORK/private"
export HPATLAS_TEST_PG_RUN_AS="$RUN_AS"

start=$(now)
"$@"
status=$?
say "command finished with status $status after $(elapsed "$start")"
exit "$status"
