#!/usr/bin/env bash
# The GPU check: Verity on a CUDA machine as a user runs it, in a few minutes. Run from the repository root, with
# .gpu/bundle.tar.xz made by scripts/gpu-bundle.sh beside the working tree (that machine needs no Java, Maven or
# network: only PyTorch for Python, g++ and CUDA):
#
#   OUT=DIR bash scripts/gpu-check.sh
#
# Phases, each under its own timeout, each logged, a failing one never stopping the next:
#   unpack     the bundle: a Java runtime, the jars into kernel/target (so bin/verity runs), DJL's JNI sources
#   machine    nvidia-smi, torch's versions, g++, java
#   jni        scripts/build-jni.sh against the machine's torch (about 20 s on 16 cores)
#   run        the headline experiment (notebooks/long-cot.verity, its plot and table lines left out: the bundle
#              has no fonts) with --device gpu
#   replay     verity replay of that run on the GPU: must print identical
#   determinism  verity bench --determinism 300: one training step's gradients 300 times, with today's embedding
#              and gather and with their one-hot formulations, naming each weight whose gradient varied
#   bench      verity bench --device gpu (standard and large sizes, short repeats, MFU against 67 TFLOP/s fp32)
#   diagnose   a short run and its replay with libtorch's deterministic mode (VERITY_TORCH_DETERMINISTIC=warn,
#              which names every op without a deterministic kernel); longer when the replay above differed
#   reference  bench/reference's PyTorch-eager script on the same GPU, when the tree has one
# Writes to $OUT (default ./gpu-check-out): gpu-check.log, bench.txt, determinism.txt, and the run's metrics.csv,
# eval.csv and manifest.json (run/) and the replay's metrics.csv (replay/): 8 files.
#
# GPU_CHECK_CPU=1 rehearses all of it on a machine without a GPU: --device cpu, a shortened experiment, the torch
# that TORCH_DIR names (with TORCH_INCLUDE_DIR where its headers are elsewhere), an already built JNI reused.
# GPU_CHECK_BUDGET (seconds, default 420) caps the whole: a phase gets at most what is left.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$PWD"
out="${OUT:-$root/gpu-check-out}"
mkdir -p "$out"
exec > >(tee -a "$out/gpu-check.log") 2>&1

cpu="${GPU_CHECK_CPU:-0}"
budget="${GPU_CHECK_BUDGET:-420}"
work="$root/.gpu"
unpacked="$work/unpacked"
export VERITY_NATIVES="$work/natives"
started=$(date +%s)

left() { echo $((budget - ($(date +%s) - started))); }

# phase NAME LIMIT COMMAND…: runs COMMAND under min(LIMIT, budget left), logs its exit and time
phase() {
  local name="$1" limit="$2" rc t0
  shift 2
  local remaining
  remaining=$(left)
  [ "$remaining" -lt "$limit" ] && limit=$remaining
  if [ "$limit" -le 5 ]; then
    echo "=== $name: skipped, the budget of ${budget} s is spent"
    return 124
  fi
  echo "=== $name (at most ${limit} s) $(date -u +%H:%M:%S)"
  t0=$(date +%s)
  if declare -F "$1" >/dev/null; then # a function of this script: timeout runs it in a bash of its own
    timeout --kill-after=10 "$limit" bash -c "$*"
  else
    timeout --kill-after=10 "$limit" "$@"
  fi
  rc=$?
  echo "=== $name: exit $rc after $(($(date +%s) - t0)) s"
  return $rc
}

unpack() {
  rm -rf "$unpacked" && mkdir -p "$unpacked" || return 1
  tar -xJf "$work/bundle.tar.xz" -C "$unpacked" || return 1
  mkdir -p "$root/kernel/target/lib" || return 1
  cp "$unpacked"/verity.jar "$unpacked"/verity-plain.jar "$root/kernel/target/" || return 1
  cp "$unpacked"/lib/*.jar "$root/kernel/target/lib/" || return 1
  du -sh "$unpacked/jre" "$unpacked/lib"
}

machine() {
  nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv 2>&1 || echo "(no nvidia-smi)"
  python3 -c 'import torch, os; print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(), "abi", int(torch._C._GLIBCXX_USE_CXX11_ABI), "gpus", torch.cuda.device_count(), os.path.dirname(torch.__file__))' 2>&1
  g++ --version | head -n 1
  echo "java: $(command -v java)"; java -version 2>&1 | head -n 1
  nproc
}

torch_dir() {
  if [ -n "${TORCH_DIR:-}" ]; then
    echo "$TORCH_DIR"
  else
    python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))'
  fi
}

# the headline experiment without its plot and table lines (charts need fonts the bundle lacks)
headline() {
  mkdir -p "$work/experiments"
  grep -v -E '^(plot|table) ' "$root/notebooks/long-cot.verity" >"$work/experiments/long-cot.verity"
  echo "$work/experiments/long-cot.verity"
}

only_run() { # the one run directory in $1
  local dirs=("$1"/*/)
  [ -d "${dirs[0]}" ] && echo "${dirs[0]%/}"
}

collect() { # collect DIR TO [FILE…]: copies a run's records (default metrics.csv eval.csv manifest.json) into $out/TO
  local dir="$1" to="$2" f
  shift 2
  [ $# -eq 0 ] && set -- metrics.csv eval.csv manifest.json
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  mkdir -p "$out/$to"
  for f in "$@"; do cp "$dir/$f" "$out/$to/" 2>/dev/null; done
}

export -f unpack machine
export root work unpacked
echo "gpu-check $(date -u +%Y-%m-%dT%H:%M:%SZ) in $root, budget ${budget} s$([ "$cpu" = 1 ] && echo ', CPU rehearsal')"
phase unpack 90 unpack
export PATH="$unpacked/jre/bin:$PATH"
export JNI_INCLUDE="$unpacked/jni-include"
phase machine 30 machine

torch="$(torch_dir 2>/dev/null)"
echo "torch folder: ${torch:-(none found)}"
export VERITY_TORCH="$torch"
if [ "$cpu" = 1 ]; then
  device=cpu
  shorten=(--set sft.steps=40 --set sft.batch=16 --set policy.layers=2 --set policy.dim=64 --set add_test.count=16
    --set explore.max_tokens=40 --set greedy.max_tokens=40 --set rl.prompts=4 --set rl.steps=3)
  bench_args=(--size standard --repeats 1 --rows 16)
  bench_limit=400 # two slow cores: the RL step alone takes minutes
  probe_repeats=2
  jni_limit=1200 # 16 files on two busy cores
else
  device=gpu
  shorten=()
  bench_args=(--repeats 3 --peak-tflops 67)
  bench_limit=150
  probe_repeats=300
  jni_limit=180
fi

if [ "$cpu" = 1 ] && [ -n "${GPU_CHECK_REUSE_JNI:-}" ]; then
  echo "=== jni: reusing the JNI library in $VERITY_NATIVES (GPU_CHECK_REUSE_JNI)"
else
  phase jni "$jni_limit" bash scripts/build-jni.sh "$unpacked/djl-0.36.0-jni" "$torch"
fi

file="$(headline)"
rm -rf "$work/runs" "$work/replays" "$work/diagnose"
phase run 150 bash bin/verity run "$file" --device "$device" --out "$work/runs" ${shorten[@]+"${shorten[@]}"}
run_dir="$(only_run "$work/runs")"
collect "$run_dir" run
replay_rc=1
if [ -n "$run_dir" ]; then
  phase replay 150 bash bin/verity replay "$run_dir" --device "$device" --out "$work/replays"
  replay_rc=$?
  collect "$(only_run "$work/replays")" replay metrics.csv
else
  echo "=== replay: skipped, the run left no run directory"
fi

# the same step's gradients many times, with the embedding and gather ops and with their one-hot formulations
phase determinism 90 bash bin/verity bench --device "$device" --determinism "$probe_repeats" | tee "$out/determinism.txt"

phase bench "$bench_limit" bash bin/verity bench --device "$device" ${bench_args[@]+"${bench_args[@]}"} | tee "$out/bench.txt"

# libtorch's deterministic mode names any op still without a deterministic kernel (warnings in the log)
if [ "$replay_rc" -eq 0 ]; then
  steps=(--set sft.steps=100 --set rl.steps=2)
else
  steps=(--set sft.steps=800 --set rl.steps=2) # the GPU replay diverged near SFT step 715 before the fix
fi
[ "$cpu" = 1 ] && steps=(${shorten[@]+"${shorten[@]}"})
export VERITY_TORCH_DETERMINISTIC=warn
phase diagnose-run 90 bash bin/verity run "$file" --device "$device" --out "$work/diagnose/runs" "${steps[@]}"
diag_dir="$(only_run "$work/diagnose/runs")"
if [ -n "$diag_dir" ]; then
  phase diagnose-replay 90 bash bin/verity replay "$diag_dir" --device "$device" --out "$work/diagnose/replays"
  grep -o '"torch_deterministic" : "[a-z]*"' "$diag_dir/manifest.json" || echo "(the manifest records no torch_deterministic)"
fi
unset VERITY_TORCH_DETERMINISTIC

reference=()
if [ -d "$root/bench/reference" ]; then
  while IFS= read -r -d '' f; do reference+=("$f"); done < <(find "$root/bench/reference" -maxdepth 1 -name '*.py' -print0 | sort -z)
fi
if [ ${#reference[@]} -eq 0 ]; then
  echo "=== reference: skipped, no bench/reference/*.py in this tree"
else
  for f in "${reference[@]}"; do
    phase "reference $(basename "$f")" 120 python3 "$f" --device cuda
  done
fi

echo "gpu-check: done in $(($(date +%s) - started)) s; replay exit $replay_rc; files in $out:"
(cd "$out" && find . -type f | sort)
sleep 1 # tee writes the last lines of the log
