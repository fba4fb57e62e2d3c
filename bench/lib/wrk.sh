# Sourced by the HTTP benchmarks. wrk_measure CONNS SECONDS URL [wrk options...] runs wrk with latency
# percentiles and prints one line: requests/s, p50 ms, p99 ms, non-2xx/3xx responses.
wrk_measure() {
  local conns="$1" secs="$2" url="$3" out
  shift 3
  out="$(mktemp)"
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$url" > "$out"
  python3 - "$out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(v):
    n, unit = re.match(r"([\d.]+)(\w+)", v).groups()
    return float(n) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p = dict(re.findall(r"\s+(50|99)%\s+(\S+)", text))
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{rps:.0f} {ms(p['50']):.2f} {ms(p['99']):.2f} {errors.group(1) if errors else 0}")
PY
  rm -f "$out"
}
