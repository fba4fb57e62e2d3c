#!/usr/bin/env bash
# The main job on a fresh Debian machine (as root): install what is missing, build ebpm, start the hub
# locally (PostgreSQL, the S3 server, registry-server and one compile worker; scripts/hub.sh), publish every
# example through `ecli push DIR` (the worker compiles each in its sandbox), then run sigsnoop by name for
# 5 seconds while a signal is sent, so its output shows. The hub signs each build's provenance with its own
# key; ecli is told to trust that key for this hub's packages (scripts/hub.sh keeps it in .run/hub-key.pem),
# so the run is verified (--verify require) and `ecli verify` shows the provenance. Rerunning it is harmless.
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
# Trust the hub's build key for its packages (once), and wait for sigsnoop's provenance: a hub upgraded from a
# version without provenance signs its earlier builds shortly after it starts.
if ! grep -qs "hub-localhost_${EBPM_PORT:-8080}.pub" "${XDG_CONFIG_HOME:-$HOME/.config}/ebpm/policy.toml"; then
  bin/ecli key trust --hub --mode warn
fi
for _ in $(seq 1 60); do
  curl -sf "$url/api/v1/packages/sigsnoop/-/versions/latest/signatures" | grep -q '"provenance":{' && break
  sleep 1
done
echo
bin/ecli verify sigsnoop:latest
echo
if [ "$(id -u)" -eq 0 ]; then
  echo "Running: bin/ecli run sigsnoop:latest --verify require --duration 5 (a SIGUSR1 is sent after 2 s)"
  sleep 30 & target=$!
  disown "$target"
  (sleep 2; kill -USR1 "$target" 2>/dev/null || true) &
  bin/ecli run sigsnoop:latest --verify require --duration 5
  kill "$target" 2>/dev/null || true
else
  echo "Run one as root, e.g.: sudo ECLI_REGISTRY=$url bin/ecli run sigsnoop:latest"
fi
echo
echo "Catalog: $url/ (the same over the API: $url/api/v1/search?q=signal)"
echo "Stop the hub with scripts/hub.sh stop."
