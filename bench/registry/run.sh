#!/usr/bin/env bash
# Benchmark: registry-server against nginx serving the same bytes from disk, in the same run, with wrk on
# loopback. Measures GET of a package blob by digest (target: >= 50% of nginx's req/s) and name:tag
# resolution (GET /v2/NAME/manifests/latest; target: p99 <= 5 ms at 64 connections).
# Starts PostgreSQL + s3proxy (scripts/services.sh), a registry on :18080 and nginx on :18081. Server and
# wrk share the machine's cores (pinning them apart was tried: the JVM's JIT and GC threads then compete
# with the event loop on one core and p99 doubles). On 2 cores p99 is noisy: compare with nginx's.
# Usage: bench/registry/run.sh [SECONDS per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/wrk.sh
secs="${1:-10}"
conns=64
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk nginx-light >/dev/null; }
done
scripts/services.sh start >/dev/null
eval "$(scripts/services.sh env)"
[ -f registry-server/target/quarkus-app/quarkus-run.jar ] || mvn -B -q -pl registry-server -am package -DskipTests
[ -f compiler-worker/target/compiler-worker.jar ] || mvn -B -q -pl compiler-worker -am package -DskipTests

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

token="ebpm_bench_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
EBPM_AUTH_ADMIN_TOKEN="$token" EBPM_JSON_LOGS=false QUARKUS_HTTP_PORT=18080 QUARKUS_LOG_LEVEL=WARN \
  java -XX:+UseParallelGC -Xmx1g -Xmn600m -jar registry-server/target/quarkus-app/quarkus-run.jar > "$work/registry.log" 2>&1 &
pids+=($!)

bin/ecc -o "$work/pkg" --name bench-sigsnoop --version "1.0.$(date +%s)" examples/sigsnoop/sigsnoop.bpf.c \
  examples/sigsnoop/sigsnoop.h >/dev/null 2>&1
for _ in $(seq 1 120); do curl -sf localhost:18080/q/health/ready >/dev/null && break; sleep 0.5; done
ebpm="$(ls "$work"/pkg/*.ebpm)"
version="$(python3 -c 'import json,sys,tarfile; print(json.load(tarfile.open(sys.argv[1]).extractfile("manifest.json"))["version"])' "$ebpm")"
curl -sf -X PUT -H "Authorization: Bearer $token" --data-binary @"$ebpm" \
  "localhost:18080/api/v1/packages/bench-sigsnoop/-/versions/$version" >/dev/null
layer="$(curl -sf localhost:18080/api/v1/packages/bench-sigsnoop/-/versions/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["digests"]["layer"])')"

mkdir -p "$work/www"
curl -sf "localhost:18080/v2/bench-sigsnoop/blobs/$layer" -o "$work/www/blob"
chmod -R a+rX "$work"
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:18081;
    root $work/www;
    location / { default_type application/octet-stream; etag on; }
  }
}
CONF
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
sleep 1

measure() { wrk_measure "$conns" "$secs" "$1"; }

# Warm the JIT of both paths before measuring (C2 settles after ~10 s of load here).
wrk -t2 -c"$conns" -d10s "http://127.0.0.1:18080/v2/bench-sigsnoop/blobs/$layer" >/dev/null
wrk -t2 -c"$conns" -d20s "http://127.0.0.1:18080/v2/bench-sigsnoop/manifests/latest" >/dev/null

read -r n_rps n_p50 n_p99 n_err < <(measure "http://127.0.0.1:18081/blob")
read -r b_rps b_p50 b_p99 b_err < <(measure "http://127.0.0.1:18080/v2/bench-sigsnoop/blobs/$layer")
read -r r_rps r_p50 r_p99 r_err < <(measure "http://127.0.0.1:18080/v2/bench-sigsnoop/manifests/latest")

size="$(stat -c %s "$work/www/blob")"
echo "registry-server vs nginx, wrk -t2 -c$conns -d${secs}s on loopback, blob of $size bytes"
printf '%-34s %10s %9s %9s %7s\n' request "req/s" "p50 ms" "p99 ms" errors
printf '%-34s %10s %9s %9s %7s\n' "nginx: blob from disk" "$n_rps" "$n_p50" "$n_p99" "$n_err"
printf '%-34s %10s %9s %9s %7s\n' "registry: GET blob by digest" "$b_rps" "$b_p50" "$b_p99" "$b_err"
printf '%-34s %10s %9s %9s %7s\n' "registry: resolve name:latest" "$r_rps" "$r_p50" "$r_p99" "$r_err"
python3 - "$b_rps" "$n_rps" "$r_p99" <<'PY'
import sys
blob, nginx, p99 = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
ratio = blob / nginx
print(f"blob GET: {ratio:.0%} of nginx (target >= 50%): {'met' if ratio >= 0.5 else 'NOT met'}")
print(f"resolution p99: {p99:.2f} ms (target <= 5 ms): {'met' if p99 <= 5 else 'NOT met'}")
PY
