#!/usr/bin/env bash
# The main job on a fresh Debian machine (as root): install what is missing, build ebpm, start the hub
# locally (PostgreSQL, the S3 server, registry-server and one compile worker; scripts/hub.sh), publish every
# example through `ecli push DIR` (the worker compiles each in its sandbox), then run sigsnoop by name for
# 5 seconds while a signal is sent, so its output shows. Rerunning it is harmless.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
mvn -B -q package -DskipTests
scripts/hub.sh start
url="http://localhost:${EBPM_PORT:-8080}"
export ECLI_REGISTRY="$url"
bin/ecli login "$url" --token "$(cat .run/admin-token)"
for dir in examples/*/; do
  name="$(basename "$dir")"
  [ -f "$dir/$name.bpf.c" ] || continue
  if curl -sf "$url/api/v1/packages/$name/-/versions/1.0.0" >/dev/null; then
    echo "$name@1.0.0 is already published"
  else
    bin/ecli push "$dir" "$name:1.0.0"
  fi
done
echo
if [ "$(id -u)" -eq 0 ]; then
  echo "Running: bin/ecli run sigsnoop:latest --duration 5 (a SIGUSR1 is sent after 2 s)"
  sleep 30 & target=$!
  disown "$target"
  (sleep 2; kill -USR1 "$target" 2>/dev/null || true) &
  bin/ecli run sigsnoop:latest --duration 5
  kill "$target" 2>/dev/null || true
else
  echo "Run one as root, e.g.: sudo ECLI_REGISTRY=$url bin/ecli run sigsnoop:latest"
fi
echo
echo "Catalog: $url/ (the same over the API: $url/api/v1/search?q=signal)"
echo "Stop the hub with scripts/hub.sh stop."
