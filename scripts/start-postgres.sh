#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on a local port for the tests, and print its URL.
# Usage: eval "$(scripts/start-postgres.sh DIR [PORT])"  — exports PLANWATCH_TEST_POSTGRES_URL.
set -euo pipefail
dir=${1:-/tmp/planwatch-pg}
port=${2:-55432}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "echo 'PostgreSQL server binaries not found' >&2; exit 1"; exit 1; }
runas=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  runas=(runuser -u postgres --)
fi
rm -rf "$dir"; mkdir -p "$dir"; chown -R "$( [ "$(id -u)" = 0 ] && echo postgres || id -un)" "$dir"
"${runas[@]}" "$bindir/initdb" -D "$dir/data" -U planwatch --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
"${runas[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "export PLANWATCH_TEST_POSTGRES_URL=postgresql+psycopg://planwatch@127.0.0.1:$port/postgres"
