#!/usr/bin/env bash
# Runs the hub locally in the background, without Docker: PostgreSQL and s3proxy (scripts/services.sh),
# registry-server and compile workers, with logs and pids in .run/. Idempotent.
#   scripts/hub.sh start [--replicas N] [--workers M]
#                            start what is not running (builds registry-server and the worker if needed).
#                            One replica (the default) listens on :8080 itself; with N > 1 the replicas listen
#                            on :8081..:808N behind HAProxy on :8080, which checks /q/health/ready every second
#                            and sends each request to the next ready replica. M workers (default 1) lease
#                            builds through :8080, so their leases spread over the replicas.
#   scripts/hub.sh stop      stop the workers, HAProxy and the replicas (PostgreSQL and s3proxy keep running)
#   scripts/hub.sh status    say what runs
#   scripts/hub.sh kill-replica K   kill -9 replica K (for fault drills); start brings it back
#   scripts/hub.sh kill-worker K    kill -9 worker K, mid-build or not (its lease expires and another worker
#                                   takes the build); start brings it back
# The admin token is generated once into .run/admin-token; the workers' token into .run/worker-token.
# EBPM_PORT picks the port (8080); EBPM_JAVA_OPTS adds JVM options to the registry (e.g. for profiling);
# EBPM_RUN_DIR the state directory (.run); EBPM_DATABASE the PostgreSQL database (ebpm); EBPM_STORAGE_BUCKET
# the bucket (ebpm). Replicas share nothing but PostgreSQL and the bucket.
set -euo pipefail
cd "$(dirname "$0")/.."
run="${EBPM_RUN_DIR:-.run}"
port="${EBPM_PORT:-8080}"
url="http://localhost:$port"
mkdir -p "$run"
run="$(cd "$run" && pwd)"

alive() { [ -f "$run/$1.pid" ] && kill -0 "$(cat "$run/$1.pid")" 2>/dev/null; }
say() { echo "hub: $*" >&2; }
ready() { curl -sf "http://localhost:$1/q/health/ready" >/dev/null 2>&1; }

admin_token() {
  if [ ! -s "$run/admin-token" ]; then
    (umask 077; echo "ebpm_$(head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$run/admin-token")
  fi
  cat "$run/admin-token"
}

# Replica K (1-based) of N: on $port itself when it is the only one, else on $port+K.
replica_port() { if [ "$2" -eq 1 ]; then echo "$port"; else echo $((port + $1)); fi; }

start_replica() {
  local k="$1" p="$2"
  if ready "$p"; then
    return
  fi
  [ -f registry-server/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -pl registry-server -am package -DskipTests
  say "starting registry-server replica $k on http://localhost:$p (log: $run/registry-$k.log)"
  # The hub signs build provenance with this key, made at first start (mode 0600); every replica uses it.
  # Each replica spools request bodies in its own directory: upload sessions live in PostgreSQL and the
  # bucket, so any replica may take an upload's next chunk.
  EBPM_AUTH_ADMIN_TOKEN="$(admin_token)" QUARKUS_HTTP_PORT="$p" EBPM_JSON_LOGS=false \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/${EBPM_DATABASE:-ebpm}" \
    EBPM_TRUST_HUB_KEY_FILE="$run/hub-key.pem" EBPM_UPLOADS_DIRECTORY="$run/uploads-$k" \
    nohup java -XX:+UseParallelGC -Xmx512m ${EBPM_JAVA_OPTS:-} -jar registry-server/target/quarkus-app/quarkus-run.jar \
    > "$run/registry-$k.log" 2>&1 &
  echo $! > "$run/registry-$k.pid"
}

await_replica() {
  local k="$1" p="$2"
  for _ in $(seq 1 240); do
    ready "$p" && return
    alive "registry-$k" || { say "replica $k exited; see $run/registry-$k.log"; tail -5 "$run/registry-$k.log" >&2; exit 1; }
    sleep 0.5
  done
  say "replica $k did not become ready; see $run/registry-$k.log"
  exit 1
}

start_registry() {
  local n="$1"
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
  # The first replica alone migrates the database; the others start once it is ready.
  start_replica 1 "$(replica_port 1 "$n")"
  await_replica 1 "$(replica_port 1 "$n")"
  for k in $(seq 2 "$n"); do start_replica "$k" "$(replica_port "$k" "$n")"; done
  for k in $(seq 2 "$n"); do await_replica "$k" "$(replica_port "$k" "$n")"; done
  [ "$n" -gt 1 ] && start_haproxy "$n"
  return 0
}

start_haproxy() {
  local n="$1" cfg="$run/haproxy.cfg"
  command -v haproxy >/dev/null || { say "haproxy is not installed (scripts/install-deps.sh installs it)"; exit 1; }
  {
    echo "global"
    echo "  maxconn 4096"
    echo "  pidfile $run/haproxy.pid"
    echo "defaults"
    echo "  mode http"
    echo "  option redispatch"
    echo "  retries 2"
    # A replica that dies mid-answer: reads are retried on another (writes are not: they might have landed).
    echo "  retry-on all-retryable-errors"
    echo "  timeout connect 2s"
    echo "  timeout client 300s"
    echo "  timeout server 300s"
    # With no replica ready (PostgreSQL or the object store down for all), answer as a replica would: the
    # registry's error envelope, 503 and Retry-After, rather than HAProxy's HTML page.
    echo "  http-error status 503 content-type application/json string" \
      "'{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"no registry replica is ready (is PostgreSQL or the" \
      "object store down?); try again in 5 s\"}]}' hdr Retry-After 5"
    echo "frontend hub"
    echo "  bind *:$port"
    echo "  http-request disable-l7-retry unless METH_GET || METH_HEAD"
    echo "  default_backend replicas"
    echo "backend replicas"
    echo "  balance roundrobin"
    echo "  option httpchk GET /q/health/ready"
    echo "  http-check expect status 200"
    echo "  default-server inter 1s fall 2 rise 1"
    for k in $(seq 1 "$n"); do echo "  server replica-$k 127.0.0.1:$(replica_port "$k" "$n") check"; done
  } > "$cfg.new"
  mv "$cfg.new" "$cfg"
  haproxy -c -q -f "$cfg" >/dev/null 2>&1 || { haproxy -c -f "$cfg" 2>&1 | grep ALERT | head -3 >&2
    say "haproxy refused $cfg"; exit 1; }
  if alive haproxy; then
    :
  else
    say "starting haproxy on $url in front of $n replicas (config: $cfg)"
    haproxy -D -f "$cfg"
  fi
  for _ in $(seq 1 40); do ready "$port" && return; sleep 0.25; done
  say "haproxy on :$port has no ready replica"
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

start_workers() {
  local m="$1"
  [ -f compiler-worker/target/compiler-worker.jar ] || mvn -B -q -pl compiler-worker -am package -DskipTests
  for k in $(seq 1 "$m"); do
    alive "worker-$k" && continue
    say "starting compile worker $k (log: $run/worker-$k.log)"
    EBPM_REGISTRY="$url" EBPM_WORKER_TOKEN="$(worker_token)" nohup bin/ebpm-worker --name "$(hostname)-$k" \
      --work-dir "$run/worker-$k" > "$run/worker-$k.log" 2>&1 &
    echo $! > "$run/worker-$k.pid"
  done
}

# Waits until the process is gone, so that the next start (or a check) never meets its closing sockets.
stop_pid() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

stop_all() {
  local f name
  for kind in worker haproxy registry; do
    for f in "$run"/$kind*.pid; do
      [ -f "$f" ] || continue
      name="$(basename "$f" .pid)"
      if alive "$name"; then stop_pid "$(cat "$f")"; say "stopped $name"; fi
      rm -f "$f"
    done
  done
}

count() {
  local v="$2"
  [[ "$v" =~ ^[1-9][0-9]?$ ]] || { echo "hub: $1 needs a count from 1 to 99, got '$v'" >&2; exit 2; }
  echo "$v"
}

case "${1:-}" in
  start)
    shift
    # The counts of the last start are the default, so that a bare start brings a killed replica back.
    replicas="$(cat "$run/replicas" 2>/dev/null || echo 1)" workers="$(cat "$run/workers" 2>/dev/null || echo 1)"
    while [ $# -gt 0 ]; do
      case "$1" in
        --replicas) replicas="$(count --replicas "${2:-}")"; shift 2 ;;
        --workers) workers="$(count --workers "${2:-}")"; shift 2 ;;
        *) echo "hub: unknown option '$1' (start takes --replicas N and --workers M)" >&2; exit 2 ;;
      esac
    done
    if alive registry-1 && [ "$(cat "$run/replicas" 2>/dev/null || echo 1)" != "$replicas" ]; then
      say "the hub runs with $(cat "$run/replicas" 2>/dev/null || echo 1) replica(s); stop it before changing that"
      exit 1
    fi
    echo "$replicas" > "$run/replicas"
    echo "$workers" > "$run/workers"
    start_registry "$replicas"
    start_workers "$workers"
    say "registry at $url ($replicas replica(s)), $workers worker(s); admin token in $run/admin-token" ;;
  stop) stop_all ;;
  kill-replica)
    k="$(count kill-replica "${2:-}")"
    alive "registry-$k" || { say "replica $k is not running"; exit 1; }
    kill -9 "$(cat "$run/registry-$k.pid")"
    say "killed replica $k (kill -9)" ;;
  kill-worker)
    k="$(count kill-worker "${2:-}")"
    alive "worker-$k" || { say "worker $k is not running"; exit 1; }
    kill -9 "$(cat "$run/worker-$k.pid")"
    say "killed worker $k (kill -9)" ;;
  status)
    any=0
    for f in "$run"/registry*.pid "$run"/haproxy.pid "$run"/worker*.pid; do
      [ -f "$f" ] || continue
      any=1
      name="$(basename "$f" .pid)"
      if alive "$name"; then echo "$name: running (pid $(cat "$f"))"; else echo "$name: stopped"; fi
    done
    [ "$any" -eq 1 ] || echo "hub: nothing started" ;;
  *) echo "usage: $0 start [--replicas N] [--workers M] | stop | status | kill-replica K | kill-worker K" >&2; exit 2 ;;
esac
