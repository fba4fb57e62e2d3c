#!/usr/bin/env bash
# Starts, stops or describes the services registry-server needs, without Docker: PostgreSQL from Debian
# and s3proxy (a real S3 server, from Maven Central) storing its objects on disk. Idempotent.
#   scripts/services.sh start    start both (creates the role, the databases and the S3 data dir once)
#   scripts/services.sh stop     stop s3proxy (PostgreSQL is left to the system)
#   scripts/services.sh status   say what is running
#   scripts/services.sh env      print the environment variables a registry-server needs for them
# Settings (environment): EBPM_STATE_DIR (pid, config and log; default .run/ in the checkout), EBPM_S3_DATA
# (the objects; default /var/lib/ebpm/s3 as root, else ~/.local/share/ebpm/s3: one per machine, like the
# PostgreSQL cluster whose rows point at them, so every checkout sees the blobs its database records),
# EBPM_S3_PORT (9000), EBPM_DB_USER/EBPM_DB_PASSWORD (ebpm/ebpm).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="${EBPM_STATE_DIR:-$root/.run}"
if [ "$(id -u)" -eq 0 ]; then default_data=/var/lib/ebpm/s3; else default_data="${XDG_DATA_HOME:-$HOME/.local/share}/ebpm/s3"; fi
s3_data="${EBPM_S3_DATA:-$default_data}"
s3_port="${EBPM_S3_PORT:-9000}"
db_user="${EBPM_DB_USER:-ebpm}"
db_password="${EBPM_DB_PASSWORD:-ebpm}"
s3_access="ebpm-access"
s3_secret="ebpm-secret-key"
s3proxy_version="2.6.0"
s3proxy_jar="$HOME/.m2/repository/org/gaul/s3proxy/$s3proxy_version/s3proxy-$s3proxy_version-jar-with-dependencies.jar"

say() { echo "services: $*" >&2; }

pg_version() {
  ls /etc/postgresql 2>/dev/null | sort -n | tail -1
}

start_postgres() {
  local v
  v="$(pg_version)"
  if [ -z "$v" ]; then
    say "PostgreSQL is not installed: run scripts/install-deps.sh (as root)"
    exit 1
  fi
  if ! pg_lsclusters -h | awk -v v="$v" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
    say "starting PostgreSQL $v"
    pg_ctlcluster "$v" main start
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 0.5
  done
  pg_isready -q -h 127.0.0.1 -p 5432 || { say "PostgreSQL did not become ready on 127.0.0.1:5432"; exit 1; }
  as_postgres psql -q -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db_user') THEN
    CREATE ROLE "$db_user" LOGIN PASSWORD '$db_password';
  END IF;
END \$\$;
SQL
  for db in ebpm ebpm_test ebpm_e2e ebpm_outage ebpm_scale; do
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      as_postgres createdb -O "$db_user" "$db"
    fi
  done
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres "$@")
  fi
}

s3_running() {
  [ -f "$state/s3proxy.pid" ] && kill -0 "$(cat "$state/s3proxy.pid")" 2>/dev/null
}

start_s3() {
  mkdir -p "$state" "$s3_data"
  if s3_running; then
    return
  fi
  if curl -s -o /dev/null "http://127.0.0.1:$s3_port/"; then
    say "an S3 server already answers on 127.0.0.1:$s3_port (another checkout's s3proxy shares $s3_data); using it"
    return
  fi
  if [ ! -f "$s3proxy_jar" ]; then
    say "fetching s3proxy $s3proxy_version from Maven Central"
    mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get \
      -Dartifact="org.gaul:s3proxy:$s3proxy_version:jar:jar-with-dependencies" >&2
  fi
  cat > "$state/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$s3_access
s3proxy.credential=$s3_secret
jclouds.provider=filesystem-nio2
jclouds.identity=unused
jclouds.credential=unused
jclouds.filesystem.basedir=$s3_data
CONF
  say "starting s3proxy on 127.0.0.1:$s3_port (data in $s3_data)"
  nohup java -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener \
    -jar "$s3proxy_jar" --properties "$state/s3proxy.conf" > "$state/s3proxy.log" 2>&1 &
  echo $! > "$state/s3proxy.pid"
  for _ in $(seq 1 120); do
    # Any HTTP answer (403 without credentials) means it is up.
    if curl -s -o /dev/null "http://127.0.0.1:$s3_port/"; then
      return
    fi
    s3_running || { say "s3proxy exited; see $state/s3proxy.log"; tail -5 "$state/s3proxy.log" >&2; exit 1; }
    sleep 0.25
  done
  say "s3proxy did not answer on port $s3_port; see $state/s3proxy.log"
  exit 1
}

print_env() {
  cat <<ENV
export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/ebpm
export QUARKUS_DATASOURCE_USERNAME=$db_user
export QUARKUS_DATASOURCE_PASSWORD=$db_password
export EBPM_STORAGE_ENDPOINT=http://127.0.0.1:$s3_port
export EBPM_STORAGE_ACCESS_KEY=$s3_access
export EBPM_STORAGE_SECRET_KEY=$s3_secret
ENV
}

case "${1:-}" in
  start) start_postgres; start_s3 ;;
  stop)
    # Waits until the process is gone: a JVM still closing its socket would answer whoever checks next.
    if s3_running; then
      pid="$(cat "$state/s3proxy.pid")"
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; sleep 0.2; fi
      say "stopped s3proxy"
    fi
    rm -f "$state/s3proxy.pid" ;;
  status)
    pg_isready -h 127.0.0.1 -p 5432 || true
    if s3_running; then echo "s3proxy: running on 127.0.0.1:$s3_port (pid $(cat "$state/s3proxy.pid"))"; else echo "s3proxy: stopped"; fi ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
