#!/usr/bin/env bash
# Benchmark: the catalog's pages under load. Starts the local hub (scripts/hub.sh), makes sure the examples
# are published (scripts/quickstart.sh does the same), then measures with wrk at 16 connections the
# package page of sigsnoop and a search page. Target: p99 <= 50 ms on this machine. The reference, measured in
# the same run, is the catalog's own stylesheet: a static file from the same server, the floor for any page.
# Usage: bench/catalog/run.sh [SECONDS per measurement, default 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib/wrk.sh
secs="${1:-10}"
conns=16
command -v wrk >/dev/null || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
[ -f ecli-client/target/ecli.jar ] || mvn -B -q package -DskipTests
scripts/hub.sh start >/dev/null
url="http://localhost:${EBPM_PORT:-8080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ECLI_REGISTRY="$url" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
bin/ecli login "$url" --token "$(cat .run/admin-token)" >/dev/null
for example in sigsnoop opensnoop runqlat tcpstates; do
  curl -sf "$url/api/v1/packages/$example/-/versions/1.0.0" >/dev/null || bin/ecli push "examples/$example" "$example:1.0.0" >/dev/null
done

measure() { wrk_measure "$conns" "$secs" "$1" -H 'Accept: text/html'; }
package_url="$url/packages/sigsnoop"
search_url="$url/search?q=signal"
static_url="$url/static/ebpm.css"
for warm in "$package_url" "$search_url" "$static_url"; do wrk -t2 -c"$conns" -d10s "$warm" >/dev/null; done
read -r r_rps r_50 r_99 r_err < <(measure "$static_url")
read -r p_rps p_50 p_99 p_err < <(measure "$package_url")
read -r s_rps s_50 s_99 s_err < <(measure "$search_url")
echo "catalog pages, wrk -t2 -c$conns -d${secs}s on loopback"
printf '%-28s %10s %9s %9s %7s %13s\n' page "req/s" "p50 ms" "p99 ms" errors "req/s vs ref"
row() { printf '%-28s %10s %9s %9s %7s %12s%%\n' "$1" "$2" "$3" "$4" "$5" "$(( $2 * 100 / r_rps ))"; }
row "/static/ebpm.css (ref)" "$r_rps" "$r_50" "$r_99" "$r_err"
row "/packages/sigsnoop" "$p_rps" "$p_50" "$p_99" "$p_err"
row "/search?q=signal" "$s_rps" "$s_50" "$s_99" "$s_err"
python3 - "$p_99" "$s_99" "$p_err" "$s_err" <<'PY'
import sys
worst = max(float(sys.argv[1]), float(sys.argv[2]))
errors = int(sys.argv[3]) + int(sys.argv[4])
met = worst <= 50 and errors == 0
print(f"worst p99: {worst:.2f} ms (target <= 50 ms, no errors): {'met' if met else 'NOT met'}")
PY
