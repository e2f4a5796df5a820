#!/usr/bin/env bash
# Executes the example notebooks through the Verity kernel, the way their committed outputs are produced.
#
#   scripts/run-notebooks.sh [--short] [NAME…]      NAME: quickstart, long-cot, … (default: every notebooks/*.verity)
#
# For each NAME: builds notebooks/NAME.ipynb from its twin NAME.verity (`verity notebook build`), then executes it
# with nbconvert, the notebooks folder as working directory, and prints the wall time of each.
#   full (default)  executes in place, no overrides: the outputs to commit. Runs are recorded in notebooks/runs/.
#   --short         CI's short version: the twin's `# ci: --set …` line becomes VERITY_SET, and the notebook is
#                   executed in a temporary copy of the folder (printed at the end); notebooks/ keeps its outputs.
# The kernelspec is installed for this build (kernel/target/verity.jar; rebuild it with
# `mvn -DskipTests package -pl kernel -am` after changing Java code) into a temporary JUPYTER_PATH, so your own
# Jupyter set-up is neither used nor changed. Needs Debian's jupyter-nbconvert (scripts/install-test-deps.sh).
# VERITY_THREADS=N sets the kernel's PyTorch threads (recorded in each run's manifest): default 2 as bin/verity for
# full runs, 1 for --short ones as in CI. On a machine whose cores are busy with other work, 1 is many times faster.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
notebooks="$root/notebooks"
verity="$root/bin/verity"
jupyter="${JUPYTER:-jupyter}"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

short=false
names=()
for arg in "$@"; do
  case "$arg" in
    --short) short=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "run-notebooks: unknown option '$arg' (see --help)" >&2; exit 2 ;;
    *) name="$(basename "$arg")"; name="${name%.verity}"; names+=("${name%.ipynb}") ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  for twin in "$notebooks"/*.verity; do names+=("$(basename "$twin" .verity)"); done
fi
for name in "${names[@]}"; do
  if [ ! -f "$notebooks/$name.verity" ]; then
    echo "run-notebooks: no notebooks/$name.verity; the notebooks are:" \
      "$(cd "$notebooks" && ls -- *.verity | sed 's/\.verity$//' | tr '\n' ' ')" >&2
    exit 2
  fi
done
if ! command -v "$jupyter" >/dev/null 2>&1 || ! "$jupyter" nbconvert --version >/dev/null 2>&1; then
  echo "run-notebooks: '$jupyter nbconvert' is missing: run scripts/install-test-deps.sh" >&2
  exit 2
fi

if $short; then export VERITY_THREADS="${VERITY_THREADS:-1}"; fi

# A Jupyter of our own: the kernelspec of this build, nothing from the user's folders.
jhome="$(mktemp -d -t verity-jupyter-XXXXXX)"
trap 'rm -rf "$jhome"' EXIT
export JUPYTER_PATH="$jhome/share/jupyter" JUPYTER_DATA_DIR="$jhome/data" JUPYTER_RUNTIME_DIR="$jhome/runtime" \
  JUPYTER_CONFIG_DIR="$jhome/config"
"$verity" kernel install --prefix "$jhome" >/dev/null

# Short runs build and execute in a temporary copy (with data/ beside, for paths in the files, and the committed
# sweeps that magic cells show as ../results); full ones in place.
workdir="$notebooks"
if $short; then
  workdir="$(mktemp -d -t verity-notebooks-XXXXXX)/notebooks"
  mkdir "$workdir"
  ln -s "$root/results" "$(dirname "$workdir")/results"
  if [ -d "$notebooks/data" ]; then cp -r "$notebooks/data" "$workdir/"; fi
  for name in "${names[@]}"; do cp "$notebooks/$name.verity" "$workdir/"; done
fi
twins=()
for name in "${names[@]}"; do twins+=("$workdir/$name.verity"); done
"$verity" notebook build "${twins[@]}" >/dev/null

# `# ci: --set a=1 --set b=x y` → `a=1;b=x y`, VERITY_SET's form.
ci_overrides() {
  sed -n 's/^#[[:space:]]*ci:[[:space:]]*//p' "$1" | head -n 1 \
    | sed -E 's/^--set[[:space:]]+//; s/[[:space:]]+--set[[:space:]]+/;/g; s/[[:space:]]+$//'
}

# Seconds since a `date +%s.%N` stamp.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

failed=()
summary=()
total_start=$(date +%s.%N)
for name in "${names[@]}"; do
  env_set=(-u VERITY_SET)
  label="full"
  if $short; then
    sets="$(ci_overrides "$notebooks/$name.verity")"
    env_set=("VERITY_SET=$sets")
    label="short${sets:+: $sets}"
    [ -n "$sets" ] || echo "run-notebooks: $name.verity has no '# ci:' line; its short run is the full one" >&2
  fi
  echo "== $name ($label)"
  start=$(date +%s.%N)
  if (cd "$workdir" && env "${env_set[@]}" "$jupyter" nbconvert --to notebook --execute --inplace \
        --ExecutePreprocessor.timeout=1200 "$name.ipynb"); then
    status=ok
  else
    status=FAILED
    failed+=("$name")
  fi
  seconds=$(since "$start")
  summary+=("$(printf '%-16s %8.1f s  %s' "$name" "$seconds" "$status")")
  echo "== $name: $status in $(printf '%.1f' "$seconds") s"
done

echo
echo "notebook          wall time  status"
printf '%s\n' "${summary[@]}"
printf '%-16s %8.1f s\n' "total" "$(since "$total_start")"
if $short; then
  echo "executed copies: $workdir"
fi
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
