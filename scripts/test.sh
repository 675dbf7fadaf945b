#!/usr/bin/env bash
# Install what the tests need and run them on SQLite, then on a real
# PostgreSQL 15 that this script starts on 127.0.0.1 and stops by its pid.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi -e wenquanyi -e "noto sans cjk" || missing+=(fonts-wqy-microhei)
command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p artifacts
PY=.venv/bin/python
# Two workers, one per core; loadscope keeps a module's tests (and its
# module-scoped servers) on one worker.
XDIST=(-n "${TEST_WORKERS:-2}" --dist loadscope)
echo "== Tests on SQLite"
$PY -m pytest "${XDIST[@]}" "$@"

echo "== Tests on PostgreSQL"
source scripts/pg.sh
pg_start
trap pg_stop EXIT
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/archive" $PY -m pytest "${XDIST[@]}" "$@"
