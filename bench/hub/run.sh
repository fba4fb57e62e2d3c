#!/usr/bin/env bash
# Benchmark (as root): what a registry costs `ecli run`. Times `ecli run NAME:latest --duration 0` (load,
# attach, stop) cold (empty cache, local registry), warm (cached; no network) and `ecli run ./package.json`
# from a local file, interleaved, median of N runs. Target: warm within 5% of the local file.
# Starts the local hub (scripts/hub.sh) and publishes the example when needed.
# Usage: sudo bench/hub/run.sh [RUNS, default 9] [EXAMPLE, default sigsnoop]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-9}"
example="${2:-sigsnoop}"
[ "$(id -u)" -eq 0 ] || { echo "bench/hub/run.sh: loading programs needs root" >&2; exit 1; }
[ -f ecli-client/target/ecli.jar ] || mvn -B -q package -DskipTests
scripts/hub.sh start >/dev/null
url="http://localhost:${EBPM_PORT:-8080}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ECLI_REGISTRY="$url" XDG_CONFIG_HOME="$work/config"
if ! curl -sf "$url/api/v1/packages/$example/-/versions/1.0.0" >/dev/null; then
  XDG_CACHE_HOME="$work/c" bin/ecli login "$url" --token "$(cat .run/admin-token)" >/dev/null
  XDG_CACHE_HOME="$work/c" bin/ecli push "examples/$example" "$example:1.0.0" >/dev/null
fi
XDG_CACHE_HOME="$work/c" bin/ecli pull "$example:latest" -o "$work/package.json" >/dev/null

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local t0; t0=$(now_ms); "$@" >/dev/null 2>&1; echo $(( $(now_ms) - t0 )); }

cold=(); warm=(); file=()
XDG_CACHE_HOME="$work/warm" bin/ecli run "$example:latest" --duration 0 >/dev/null 2>&1
for ((i = 0; i < runs; i++)); do
  rm -rf "$work/cold"
  cold+=("$(XDG_CACHE_HOME="$work/cold" timed bin/ecli run "$example:latest" --duration 0)")
  # Warm: within the tag's minute, so the cache answers without the network; refreshed each round.
  XDG_CACHE_HOME="$work/warm" bin/ecli pull "$example:latest" >/dev/null 2>&1
  warm+=("$(XDG_CACHE_HOME="$work/warm" timed bin/ecli run "$example:latest" --duration 0)")
  file+=("$(timed bin/ecli run "$work/package.json" --duration 0)")
done
c=$(printf '%s\n' "${cold[@]}" | median)
w=$(printf '%s\n' "${warm[@]}" | median)
f=$(printf '%s\n' "${file[@]}" | median)
echo "ecli run $example --duration 0, median of $runs (ms), registry at $url"
printf '%-40s %8s %8s\n' run ms "vs file"
printf '%-40s %8s %8s\n' "local file (./package.json)" "$f" "1.00"
printf '%-40s %8s %8s\n' "registry, warm cache ($example:latest)" "$w" "$(awk -v a="$w" -v b="$f" 'BEGIN {printf "%.2f", a / b}')"
printf '%-40s %8s %8s\n' "registry, cold cache ($example:latest)" "$c" "$(awk -v a="$c" -v b="$f" 'BEGIN {printf "%.2f", a / b}')"
awk -v a="$w" -v b="$f" 'BEGIN {r = a / b; printf "warm vs file: %+.1f%% (target <= +5%%): %s\n", (r - 1) * 100, r <= 1.05 ? "met" : "NOT met"}'
