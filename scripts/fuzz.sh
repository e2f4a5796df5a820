#!/usr/bin/env bash
# The fuzzer at length: scripts/fuzz.sh [INPUTS [SEED]] runs kernel FuzzedCellsTest on INPUTS seeded mutations
# (default 100000; CI runs 10000 from seed 17) through parse, check and the kernel's complete, inspect and
# is_complete. Without SEED it draws a new one and prints it, so a failure can be rerun exactly.
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=${1:-100000}
seed=${2:-$(( (RANDOM << 15) | RANDOM ))}
echo "fuzz: $inputs inputs from seed $seed (rerun: scripts/fuzz.sh $inputs $seed)"
exec mvn -B -ntp -q -pl kernel -am test -Dtest=FuzzedCellsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dverity.fuzz.inputs="$inputs" -Dverity.fuzz.seed="$seed"
