#!/usr/bin/env bash
# Benchmark: the hub scaled out, in one run. scripts/hub.sh starts 2 replicas behind HAProxy (its own port,
# state dir, database and bucket); a second HAProxy with the same settings fronts replica 1 alone. wrk at 64
# connections then measures name:tag resolution (GET /v2/NAME/manifests/latest) and a blob GET by digest
# directly on replica 1 (the reference), through HAProxy to 1 replica, and through HAProxy to 2.
# Everything shares this machine's cores: on 2 cores a second replica adds no CPU, only another JVM, so
# the figures say what the balancer costs and that two replicas serve correctly, not how they scale.
# Usage: bench/registry/scale.sh [SECONDS per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/wrk.sh
secs="${1:-10}"
conns=64
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
export EBPM_RUN_DIR="$PWD/.run/bench-scale" EBPM_PORT=18580 EBPM_DATABASE=ebpm_scale EBPM_STORAGE_BUCKET=ebpm-scale
two=18580 one=18590 direct=18581
work="$(mktemp -d)"
cleanup() {
  [ -f "$work/haproxy.pid" ] && kill "$(cat "$work/haproxy.pid")" 2>/dev/null
  scripts/hub.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
scripts/hub.sh stop >/dev/null 2>&1 || true
scripts/hub.sh start --replicas 2 --workers 1 2>/dev/null
token="$(cat "$EBPM_RUN_DIR/admin-token")"

# HAProxy to replica 1 only: hub.sh's config with the other server left out, on another port.
sed -e "s/bind \*:$two/bind *:$one/" -e "/server replica-2 /d" -e "s|pidfile .*|pidfile $work/haproxy.pid|" \
  "$EBPM_RUN_DIR/haproxy.cfg" > "$work/haproxy.cfg"
haproxy -D -f "$work/haproxy.cfg"

bin/ecc -o "$work/pkg" --name bench-scale --version "1.0.$(date +%s)" examples/sigsnoop/sigsnoop.bpf.c \
  examples/sigsnoop/sigsnoop.h >/dev/null 2>&1
ebpm="$(ls "$work"/pkg/*.ebpm)"
version="$(python3 -c 'import json,sys,tarfile; print(json.load(tarfile.open(sys.argv[1]).extractfile("manifest.json"))["version"])' "$ebpm")"
curl -sf -X PUT -H "Authorization: Bearer $token" --data-binary @"$ebpm" \
  "localhost:$two/api/v1/packages/bench-scale/-/versions/$version" >/dev/null
layer="$(curl -sf "localhost:$two/api/v1/packages/bench-scale/-/versions/latest" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["digests"]["layer"])')"
resolve=/v2/bench-scale/manifests/latest
blob="/v2/bench-scale/blobs/$layer"

# Warm both replicas' JIT on both paths (through the balancer, which alternates) before measuring.
wrk -t2 -c"$conns" -d20s "http://127.0.0.1:$two$resolve" >/dev/null
wrk -t2 -c"$conns" -d10s "http://127.0.0.1:$two$blob" >/dev/null

declare -A rps p50 p99 err
for path in resolve blob; do
  url_path="${!path}"
  for target in direct one two; do
    read -r r a b e < <(wrk_measure "$conns" "$secs" "http://127.0.0.1:${!target}$url_path")
    rps[$path-$target]=$r p50[$path-$target]=$a p99[$path-$target]=$b err[$path-$target]=$e
  done
done

echo "hub scaled out, wrk -t2 -c$conns -d${secs}s on loopback, $(nproc) cores shared by wrk, HAProxy and the replicas"
printf '%-44s %10s %9s %9s %7s\n' request "req/s" "p50 ms" "p99 ms" errors
for path in resolve blob; do
  for target in direct one two; do
    case "$target" in direct) label="replica 1 directly" ;; one) label="HAProxy -> 1 replica" ;; two) label="HAProxy -> 2 replicas" ;; esac
    [ "$path" = resolve ] && what="resolve name:latest" || what="GET blob"
    printf '%-44s %10s %9s %9s %7s\n' "$what, $label" "${rps[$path-$target]}" "${p50[$path-$target]}" \
      "${p99[$path-$target]}" "${err[$path-$target]}"
  done
done
python3 - "${rps[resolve-direct]}" "${rps[resolve-one]}" "${rps[resolve-two]}" "${rps[blob-direct]}" \
  "${rps[blob-one]}" "${rps[blob-two]}" <<'PY'
import sys
rd, r1, r2, bd, b1, b2 = map(float, sys.argv[1:])
print(f"resolve: HAProxy->1 is {r1 / rd:.0%} of direct, HAProxy->2 {r2 / rd:.0%} ({r2 / r1:.2f}x HAProxy->1)")
print(f"blob:    HAProxy->1 is {b1 / bd:.0%} of direct, HAProxy->2 {b2 / bd:.0%} ({b2 / b1:.2f}x HAProxy->1)")
PY
