#!/usr/bin/env bash
# Runs every test of ebpm on this machine, installing what the tests need first.
# Tests that need root or particular kernel features say so when they skip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The registry tests use a real PostgreSQL and a real S3 server (s3proxy); start them once, here.
scripts/services.sh start
mvn -B verify "$@"
