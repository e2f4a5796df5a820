#!/usr/bin/env bash
# Runs every test of Verity on a fresh machine: installs what the tests need (Debian's Jupyter clients and a
# font, via install-test-deps.sh), then builds all modules and runs unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
# Maven's own download progress is noise in CI logs; test output is kept.
exec mvn -B -ntp verify "$@"
