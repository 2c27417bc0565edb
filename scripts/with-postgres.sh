#!/usr/bin/env bash
# Runs a command against a throw-away PostgreSQL cluster on loopback:
#   scripts/with-postgres.sh npx vitest run
# initdb's a temporary cluster, starts it on a free 127.0.0.1 port, exports DATABASE_URL and
# ENTENTE_TEST_DB=postgres, runs the command, then stops the cluster and removes it.
# PostgreSQL refuses to run as root, so as root the cluster is owned by the "postgres" user.
set -euo pipefail

if ! command -v initdb >/dev/null 2>&1; then
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && PATH="$d:$PATH"; done
fi
if ! command -v initdb >/dev/null 2>&1; then
  echo "with-postgres: initdb not found; install PostgreSQL (apt-get install -y postgresql)" >&2
  exit 1
fi

dir="$(mktemp -d /tmp/entente-pg.XXXXXX)"
port="${PGPORT_TEST:-$(( 20000 + RANDOM % 20000 ))}"
as_owner=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  "${as_owner[@]}" pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_owner[@]}" initdb -D "$dir/data" -U entente --auth=trust -E UTF8 >/dev/null
"${as_owner[@]}" pg_ctl -D "$dir/data" -w -l "$dir/log" \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start >/dev/null
"${as_owner[@]}" createdb -h 127.0.0.1 -p "$port" -U entente entente

export DATABASE_URL="postgres://entente@127.0.0.1:$port/entente"
export ENTENTE_TEST_DB=postgres
"$@"
