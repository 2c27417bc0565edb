#!/usr/bin/env bash
# A cluster on this machine, for trying the platform on several processes:
#   scripts/cluster.sh            # throw-away PostgreSQL, 2 servers (ports 8801, 8802), 2 workers
#   PORTS="8801 8802 8803" WORKERS=3 scripts/cluster.sh
# Every process logs to $dir/<name>.log; Ctrl-C stops them all (SIGTERM: requests drain, running
# jobs go back to the queue) and removes the database. Needs the CLI built (npm ci builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
PORTS="${PORTS:-8801 8802}"
WORKERS="${WORKERS:-2}"
[ -f packages/cli/dist/entente.js ] || node scripts/build.mjs

run_cluster() {
  dir="$(mktemp -d /tmp/entente-cluster.XXXXXX)"
  # One audit signing key for every server instance (docs/platform.md, "Audit log").
  export ENTENTE_AUDIT_KEY_FILE="$dir/audit-key.pem"
  pids=()
  stop() {
    trap - INT TERM EXIT
    [ ${#pids[@]} -gt 0 ] && kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    echo "cluster: stopped; logs were in $dir"
  }
  trap stop INT TERM EXIT
  first=1
  for port in $PORTS; do
    # Servers leave jobs to the workers (--no-jobs); the first one bootstraps, the others find the admin.
    node packages/cli/dist/entente.js serve --port "$port" --no-jobs >"$dir/server-$port.log" 2>&1 &
    pids+=($!)
    if [ $first = 1 ]; then
      for _ in $(seq 1 100); do grep -q "ready" "$dir/server-$port.log" 2>/dev/null && break; sleep 0.1; done
      first=0
    fi
  done
  for i in $(seq 1 "$WORKERS"); do
    node packages/cli/dist/entente.js worker >"$dir/worker-$i.log" 2>&1 &
    pids+=($!)
  done
  sleep 2
  echo "cluster: DATABASE_URL=$DATABASE_URL"
  for port in $PORTS; do echo "cluster: server http://127.0.0.1:$port/ (log $dir/server-$port.log)"; done
  grep -h "one-time password" "$dir"/server-*.log || true
  echo "cluster: $WORKERS worker(s) (logs $dir/worker-*.log); Ctrl-C stops everything"
  wait
}

if [ -n "${ENTENTE_CLUSTER_INNER:-}" ]; then run_cluster; exit; fi
ENTENTE_CLUSTER_INNER=1 exec scripts/with-postgres.sh "$0" "$@"
