#!/usr/bin/env bash
# The long version of kernel KillAnywhereIT: scripts/soak-kills.sh [KILLS [SEED]] SIGKILLs `verity run` KILLS times
# (default 100; CI: 12) at seeded moments of one run, resuming after each, then checks the directory against an
# uninterrupted run. Prints the kills survived, by phase, and where each landed.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-100}
seed=${2:-1}
exec mvn -B -ntp -pl kernel -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=KillAnywhereIT -Dverity.kills="$kills" -Dverity.kills.seed="$seed"
