#!/usr/bin/env bash
# Builds DJL's JNI library (libdjl_torch.so) against a local libtorch, so that Verity runs on that PyTorch: a CUDA
# build for a GPU, or any version other than the 2.7.1 whose JNI DJL ships.
#
#   scripts/build-jni.sh SRC_DIR [TORCH_DIR]
#
#   SRC_DIR    DJL v0.36.0's JNI sources: native/*.cc, and include/ with the header `javac -h` makes from v0.36.0's
#              PyTorchLibrary.java and DJL's djl/utils.h (the sources are Apache-2.0, not part of Verity).
#   TORCH_DIR  a PyTorch installation's torch folder, a libtorch folder or its lib folder (default: $VERITY_TORCH,
#              else the torch that python3 imports).
#
# Writes $VERITY_NATIVES/pytorch/<version>-<flavor>-linux-<arch>/0.36.0-libdjl_torch.so (VERITY_NATIVES defaults to
# ~/.verity/natives), where bin/verity points DJL when VERITY_TORCH names that libtorch. Also compiles
# scripts/native/*.cc into it (libtorch's deterministic-algorithms switch, a diagnostic).
# Needs g++ with C++17, libtorch's C++ headers (TORCH_INCLUDE_DIR when they are not beside its lib folder, as on
# Debian: /usr/include), jni.h (JNI_INCLUDE, else $JAVA_HOME/include, else javac's JDK) and for a CUDA build the
# CUDA headers (CUDA_HOME, else nvcc's, else /usr/local/cuda or the newest /usr/local/cuda-*). About 20 s on 16
# cores.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=libtorch.sh
. "$root/scripts/libtorch.sh"

fail() { echo "build-jni: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") usage >&2; exit 2 ;;
esac
src="$1"
[ -d "$src/native" ] && [ -f "$src/include/ai_djl_pytorch_jni_PyTorchLibrary.h" ] \
  || fail "$src does not hold DJL's JNI sources (native/*.cc and include/ai_djl_pytorch_jni_PyTorchLibrary.h)"
src="$(cd "$src" && pwd)"

torch="${2:-${VERITY_TORCH:-}}"
if [ -z "$torch" ]; then
  torch="$(python3 -c 'import os, torch; print(os.path.dirname(torch.__file__))' 2>/dev/null)" \
    || fail "no TORCH_DIR given, VERITY_TORCH is not set and python3 cannot import torch: name a libtorch"
fi
torch_resolve "$torch" || fail "$TORCH_ERROR"
[ -n "$TORCH_INCLUDE" ] && [ -f "$TORCH_INCLUDE/torch/script.h" ] \
  || fail "no C++ headers of PyTorch beside $TORCH_LIB (include/torch/script.h): set TORCH_INCLUDE_DIR to the folder holding torch/ and ATen/"

# jni.h and jni_md.h: only these two files of a JDK are needed
jni="${JNI_INCLUDE:-}"
if [ -z "$jni" ] && [ -n "${JAVA_HOME:-}" ]; then jni="$JAVA_HOME/include"; fi
if [ -z "$jni" ] && command -v javac >/dev/null 2>&1; then
  jni="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")/include"
fi
[ -n "$jni" ] && [ -f "$jni/jni.h" ] && [ -f "$jni/linux/jni_md.h" ] \
  || fail "no jni.h: set JNI_INCLUDE to a JDK's include folder (with jni.h and linux/jni_md.h), or JAVA_HOME"

# libtorch's C++ ABI, read off its symbols (std::__cxx11 names appear only in the new ABI)
abi="${TORCH_CXX11_ABI:-}"
if [ -z "$abi" ]; then
  if grep -qa '__cxx11' "$TORCH_LIB/libc10.so"; then abi=1; else abi=0; fi
fi

flags=(-O2 -fPIC -std=c++17 -w "-D_GLIBCXX_USE_CXX11_ABI=$abi" -I"$TORCH_INCLUDE"
  -I"$TORCH_INCLUDE/torch/csrc/api/include" -I"$jni" -I"$jni/linux" -I"$src/include" -I"$src/native")
libs=(-ltorch -ltorch_cpu -lc10)
case "$TORCH_VERSION" in
  1.13.*) flags+=(-DV1_13_X) ;; # DJL's sources hold the differences for 1.13
esac
if [ -f "$TORCH_LIB/libtorch_cuda.so" ]; then
  cuda="${CUDA_HOME:-}"
  if [ -z "$cuda" ] && command -v nvcc >/dev/null 2>&1; then
    cuda="$(dirname "$(dirname "$(readlink -f "$(command -v nvcc)")")")"
  fi
  cuda="${cuda:-$(cuda_home)}"
  [ -f "$cuda/include/cuda_runtime_api.h" ] \
    || fail "$TORCH_LIB is a CUDA build but no CUDA headers were found in $cuda/include: set CUDA_HOME"
  flags+=(-DUSE_CUDA -I"$cuda/include")
  libs+=(-ltorch_cuda -lc10_cuda)
fi

out="$(torch_jni_path "${VERITY_NATIVES:-$HOME/.verity/natives}")"
build="$(mktemp -d "${TMPDIR:-/tmp}/verity-jni.XXXXXX")"
trap 'rm -rf "$build"' EXIT
echo "build-jni: PyTorch $TORCH_VERSION ($TORCH_FLAVOR) in $TORCH_LIB, C++11 ABI $abi, $(nproc) jobs"

SECONDS=0
sources=("$src"/native/*.cc "$root"/scripts/native/*.cc)
# one g++ per file, in parallel; each writes its object and, on failure, its errors
printf '%s\n' "${sources[@]}" | xargs -P "$(nproc)" -I{} sh -c \
  'o="$0/$(basename "{}" .cc).o"; g++ "$@" -c "{}" -o "$o" 2>"$o.err" || { rm -f "$o"; echo "{}" >>"$0/failed"; }' \
  "$build" "${flags[@]}"
if [ -f "$build/failed" ]; then
  fatal=false
  while read -r f; do
    case "$f" in
      "$root"/scripts/native/*) echo "build-jni: warning: $f does not compile; the library is built without it" \
        "(libtorch's deterministic-mode switch is then unavailable):" >&2 ;;
      *) echo "build-jni: $f does not compile:" >&2; fatal=true ;;
    esac
    head -c 3000 "$build/$(basename "$f" .cc).o.err" >&2
  done <"$build/failed"
  $fatal && exit 1
fi
g++ -shared "$build"/*.o -o "$build/libdjl_torch.so" -L"$TORCH_LIB" -Wl,--no-as-needed "${libs[@]}" \
  -Wl,-rpath,"$TORCH_LIB"
mkdir -p "$(dirname "$out")"
mv -f "$build/libdjl_torch.so" "$out.tmp" && mv -f "$out.tmp" "$out"
echo "build-jni: built $out in ${SECONDS} s"
