#!/usr/bin/env bash
# The main job on a fresh Debian machine: install what is missing, build ebpm, compile every example into a
# package with ecc (outputs next to each example's source), and, as root, run sigsnoop for 5 seconds with
# ecli while a signal is sent, so its output shows. Rerunning it is harmless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B -q package -DskipTests
for dir in examples/*/; do
  name="$(basename "$dir")"
  [ -f "$dir/$name.bpf.c" ] || continue
  header=()
  [ -f "$dir/$name.h" ] && header=("$dir/$name.h")
  bin/ecc "$dir/$name.bpf.c" "${header[@]}"
done
echo
echo "Packages written: examples/*/package.json (eunomia-bpf format) and examples/*/*.ebpm."
if [ "$(id -u)" -eq 0 ]; then
  echo
  echo "Running: bin/ecli run examples/sigsnoop/package.json --duration 5 (a SIGUSR1 is sent after 2 s)"
  sleep 30 & target=$!
  disown "$target"
  (sleep 2; kill -USR1 "$target" 2>/dev/null || true) &
  bin/ecli run examples/sigsnoop/package.json --duration 5
  kill "$target" 2>/dev/null || true
else
  echo "Run one as root, e.g.: sudo bin/ecli run examples/sigsnoop/package.json"
fi
