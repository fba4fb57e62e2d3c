#!/usr/bin/env bash
# The main job on a fresh Debian machine: install what is missing, build ebpm, and compile every example
# into a package with ecc (outputs next to each example's source). Rerunning it is harmless.
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
