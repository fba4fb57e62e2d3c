#!/usr/bin/env bash
# Runs the hub locally in the background, without Docker: PostgreSQL and s3proxy (scripts/services.sh),
# registry-server on :8080 and one compile worker, with logs and pids in .run/. Idempotent.
#   scripts/hub.sh start     start what is not running (builds registry-server and the worker if needed)
#   scripts/hub.sh stop      stop the worker and the registry (PostgreSQL and s3proxy keep running)
#   scripts/hub.sh status    say what runs
# The admin token is generated once into .run/admin-token; the worker's token into .run/worker-token.
# EBPM_PORT picks the port (8080); EBPM_JAVA_OPTS adds JVM options to the registry (e.g. for profiling).
set -euo pipefail
cd "$(dirname "$0")/.."
run=.run
port="${EBPM_PORT:-8080}"
url="http://localhost:$port"
mkdir -p "$run"

alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }
say() { echo "hub: $*" >&2; }

admin_token() {
  if [ ! -s "$run/admin-token" ]; then
    (umask 077; echo "ebpm_$(head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$run/admin-token")
  fi
  cat "$run/admin-token"
}

start_registry() {
  if curl -sf "$url/q/health/ready" >/dev/null 2>&1; then
    return
  fi
  [ -f registry-server/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -pl registry-server -am package -DskipTests
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
  say "starting registry-server on $url (log: $run/registry.log)"
  # The hub signs build provenance with this key, made at first start (mode 0600).
  EBPM_AUTH_ADMIN_TOKEN="$(admin_token)" QUARKUS_HTTP_PORT="$port" EBPM_JSON_LOGS=false \
    EBPM_TRUST_HUB_KEY_FILE="$PWD/$run/hub-key.pem" \
    nohup java -XX:+UseParallelGC -Xmx512m ${EBPM_JAVA_OPTS:-} -jar registry-server/target/quarkus-app/quarkus-run.jar \
    > "$run/registry.log" 2>&1 &
  echo $! > "$run/registry.pid"
  for _ in $(seq 1 240); do
    curl -sf "$url/q/health/ready" >/dev/null 2>&1 && return
    alive registry || { say "registry-server exited; see $run/registry.log"; tail -5 "$run/registry.log" >&2; exit 1; }
    sleep 0.5
  done
  say "registry-server did not become ready; see $run/registry.log"
  exit 1
}

worker_token() {
  if [ -s "$run/worker-token" ] && curl -sf -H "Authorization: Bearer $(cat "$run/worker-token")" \
      "$url/api/v1/tokens/me" >/dev/null; then
    cat "$run/worker-token"
    return
  fi
  (umask 077; curl -sf -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
    -d '{"name":"local worker","scopes":["worker"]}' "$url/api/v1/tokens" \
    | sed -n 's/.*"token":"\(ebpm_[A-Za-z0-9]*\)".*/\1/p' > "$run/worker-token")
  cat "$run/worker-token"
}

start_worker() {
  alive worker && return
  [ -f compiler-worker/target/compiler-worker.jar ] || mvn -B -q -pl compiler-worker -am package -DskipTests
  say "starting a compile worker (log: $run/worker.log)"
  EBPM_REGISTRY="$url" EBPM_WORKER_TOKEN="$(worker_token)" nohup bin/ebpm-worker --work-dir "$PWD/$run/worker" \
    > "$run/worker.log" 2>&1 &
  echo $! > "$run/worker.pid"
}

case "${1:-}" in
  start) start_registry; start_worker; say "registry at $url, one worker; admin token in $run/admin-token" ;;
  stop)
    for p in worker registry; do
      if alive "$p"; then kill "$(cat "$run/$p.pid")"; say "stopped $p"; fi
      rm -f "$run/$p.pid"
    done ;;
  status)
    for p in registry worker; do
      if alive "$p"; then echo "$p: running (pid $(cat "$run/$p.pid"))"; else echo "$p: stopped"; fi
    done ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
