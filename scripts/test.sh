#!/usr/bin/env bash
# Run the whole test suite with a throwaway PostgreSQL; usage: scripts/test.sh VENV_BIN [pytest args]
set -uo pipefail
bin=${1:-.venv/bin}; shift || true
here=$(cd "$(dirname "$0")/.." && pwd)
pgdir=$(mktemp -d /tmp/planwatch-pg.XXXXXX)
stop_pg() {
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -d "$pgdir/data" ]; then
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bindir/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1
    else "$bindir/pg_ctl" -D "$pgdir/data" -m fast stop >/dev/null 2>&1; fi
  fi
  rm -rf "$pgdir"
}
if [ -z "${PLANWATCH_TEST_POSTGRES_URL:-}" ]; then
  port=$(( 55000 + RANDOM % 900 ))
  if pg_env=$(bash "$here/scripts/start-postgres.sh" "$pgdir" "$port"); then
    eval "$pg_env"; export PLANWATCH_TEST_POSTGRES_URL
    trap stop_pg EXIT
  else
    echo "warning: could not start PostgreSQL; PostgreSQL tests will be skipped outside CI" >&2
  fi
fi
cd "$here"
"$bin/pytest" "$@"
code=$?
# pytest exits 5 when it collected no test: that is a failure of the suite, say so.
[ $code -eq 5 ] && echo "pytest collected no tests" >&2
exit $code
