#!/usr/bin/env bash
# The execute round trip of a comment cell, Verity's kernel (this build's jar, the DSL backend: each cell is
# recorded in the session's run directory) next to Debian's ipykernel, through Debian's jupyter_client, the same
# client script for both (kernel/src/test/python/drive_kernel.py: 20 warm-up executes, then the median and 90th
# percentile of 100). ROUNDS (default 3) alternate the kernels so a busy machine hurts them alike.
# VERITY_BASELINE_JAR=/copy/of/an/older/verity.jar (with its lib/ beside it) adds that build as a third kernel.
#   scripts/kernel-latency.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=${1:-3}
jar="$root/kernel/target/verity.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -DskipTests package -pl kernel -am)
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export JUPYTER_PATH="$home/share/jupyter" JUPYTER_DATA_DIR="$home/data" JUPYTER_RUNTIME_DIR="$home/runtime" \
  JUPYTER_CONFIG_DIR="$home/config" IPYTHONDIR="$home/ipython" PYDEVD_DISABLE_FILE_VALIDATION=1
"$root/bin/verity" kernel install --prefix "$home" > /dev/null
mkdir -p "$home/share/jupyter/kernels/ipy"
cat > "$home/share/jupyter/kernels/ipy/kernel.json" <<JSON
{"argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
 "display_name": "ipykernel", "language": "python"}
JSON
kernels="verity ipy"
if [ -n "${VERITY_BASELINE_JAR:-}" ]; then
  mkdir -p "$home/share/jupyter/kernels/baseline"
  sed "s#$jar#$VERITY_BASELINE_JAR#" "$home/share/jupyter/kernels/verity/kernel.json" \
    > "$home/share/jupyter/kernels/baseline/kernel.json"
  kernels="verity baseline ipy"
fi
cd "$home"  # the Verity kernel records its session in runs/ here
echo "execute round trip of a comment cell, median (p90) of 100 after 20 warm-up, in ms:"
for round in $(seq 1 "$rounds"); do
  line="  round $round:"
  for kernel in $kernels; do
    result=$(/usr/bin/python3 "$root/kernel/src/test/python/drive_kernel.py" bench "$kernel" "# a comment")
    line+=$(/usr/bin/python3 -c 'import json, sys
d = json.loads(sys.argv[2])
print(" %s %.2f (%.2f)" % (sys.argv[1], d["median_round_trip_ms"], d["p90_round_trip_ms"]), end="")' \
      "$([ "$kernel" = ipy ] && echo ipykernel || echo "$kernel")" "$result")
  done
  echo "$line"
done
