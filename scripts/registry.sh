#!/usr/bin/env bash
# Runs the registry without Docker: PostgreSQL and s3proxy (scripts/services.sh), then registry-server
# built from this checkout, in the foreground on http://localhost:8080 (Ctrl-C stops it).
#   EBPM_AUTH_ADMIN_TOKEN=ebpm_... scripts/registry.sh
# Without EBPM_AUTH_ADMIN_TOKEN, one is generated once and kept in .run/admin-token.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/services.sh start
eval "$(scripts/services.sh env)"
if [ -z "${EBPM_AUTH_ADMIN_TOKEN:-}" ]; then
  if [ ! -s .run/admin-token ]; then
    (umask 077; echo "ebpm_$(head -c 30 /dev/urandom | od -An -tx1 | tr -d ' \n')" > .run/admin-token)
  fi
  EBPM_AUTH_ADMIN_TOKEN="$(cat .run/admin-token)"
  echo "registry: admin token in .run/admin-token" >&2
fi
export EBPM_AUTH_ADMIN_TOKEN
jar=registry-server/target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -pl registry-server -am package -DskipTests
fi
exec java -XX:+UseParallelGC -Xmx512m ${EBPM_JAVA_OPTS:-} -jar "$jar"
