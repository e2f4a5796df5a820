#!/usr/bin/env bash
# Keeps a finished sweep's results, without its weights, in a folder to commit (README's results over seeds):
#   scripts/keep-sweep.sh SWEEP_DIR DEST [COMPARE_OPTION…]
#   e.g. scripts/keep-sweep.sh sweeps/long-cot-2026… results/long-cot-seeds --metric accuracy --metric reflect_rate
# DEST gets sweep.json, the experiment, summary.csv and eval_summary.csv, the band charts, each run's manifest and
# evaluations (eval.csv, eval_levels.csv; no checkpoints, rollouts or per-step metrics), status.txt (each run's
# final step and accuracies, `verity sweep --status`, which first writes the summaries afresh with this build) and
# compare.txt (`verity compare` on the sweep, with the COMPARE_OPTIONs given, such as --metric).
# `verity compare DEST` reads the kept folder as it reads the sweep.
set -euo pipefail
if [ $# -lt 2 ] || [ ! -f "$1/sweep.json" ]; then
  echo "usage: scripts/keep-sweep.sh SWEEP_DIR DEST [COMPARE_OPTION…] (SWEEP_DIR: a sweep directory, with its" \
    "sweep.json)" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$(cd "$1" && pwd)"
dest="$2"
shift 2
mkdir -p "$dest"
"$root/bin/verity" sweep --status "$src" > "$dest/status.txt" # writes the summaries with this build first
for f in sweep.json experiment.verity summary.csv eval_summary.csv; do
  cp "$src/$f" "$dest/"
done
if [ -d "$src/charts" ]; then
  mkdir -p "$dest/charts" && cp "$src"/charts/*.png "$dest/charts/"
fi
(cd "$src" && find runs -mindepth 3 -maxdepth 3 \( -name manifest.json -o -name eval.csv -o -name eval_levels.csv \
  -o -name experiment.verity \)) | while read -r f; do
  mkdir -p "$dest/$(dirname "$f")"
  cp "$src/$f" "$dest/$f"
done
"$root/bin/verity" compare "$src" "$@" > "$dest/compare.txt"
echo "kept $src in $dest ($(du -sh "$dest" | cut -f1))"
