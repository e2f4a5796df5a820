# Finds a local libtorch and what DJL needs to know about it. Sourced by bin/verity and scripts/build-jni.sh.
#
#   torch_resolve DIR   DIR: a PyTorch installation's torch folder (…/site-packages/torch), a libtorch folder (the
#                       unzipped C++ distribution) or the lib folder of either. On success sets
#     TORCH_LIB      the folder holding libtorch.so (DJL's PYTORCH_LIBRARY_PATH)
#     TORCH_INCLUDE  the C++ headers (empty when absent; TORCH_INCLUDE_DIR overrides, e.g. /usr/include on Debian)
#     TORCH_VERSION  e.g. 2.11.0 (PYTORCH_VERSION overrides; else version.py, build-version or torch/version.h)
#     TORCH_FLAVOR   cpu or cuNNN (PYTORCH_FLAVOR overrides; else the version's +cu130 suffix, version.py's cuda, or
#                    cpu when there is no libtorch_cuda.so)
#     TORCH_CUDA     the CUDA version it was built for, e.g. 13.0 (empty for a CPU build)
#   and returns 0; else sets TORCH_ERROR to one line saying what is missing and returns 1.
#
#   torch_jni_path CACHE   the file DJL loads its JNI library from for that libtorch: CACHE is DJL's
#                          ENGINE_CACHE_DIR, and the JNI DJL 0.36 uses sits at
#                          CACHE/pytorch/<version>-<flavor>-linux-<arch>/0.36.0-libdjl_torch.so (arch: uname -m)
#
#   cuda_home   prints the CUDA toolkit's folder: CUDA_HOME, else /usr/local/cuda, else the newest /usr/local/cuda-*
#
# Only what DJL 0.36.0 reads is set; nothing is exported here.

TORCH_DJL_VERSION=0.36.0

torch_resolve() {
  local dir="$1" base full cuda_from_py=""
  TORCH_LIB="" TORCH_INCLUDE="" TORCH_VERSION="" TORCH_FLAVOR="" TORCH_CUDA="" TORCH_ERROR=""
  if [ -z "$dir" ] || [ ! -d "$dir" ]; then
    TORCH_ERROR="'$dir' is not a folder: give a PyTorch installation's torch folder, a libtorch folder or its lib folder"
    return 1
  fi
  dir="$(cd "$dir" && pwd)"
  if [ -f "$dir/libtorch.so" ]; then
    TORCH_LIB="$dir"; base="$(dirname "$dir")"
  elif [ -f "$dir/lib/libtorch.so" ]; then
    TORCH_LIB="$dir/lib"; base="$dir"
  else
    TORCH_ERROR="no libtorch.so in $dir or $dir/lib: give a PyTorch installation's torch folder (python3 -c 'import torch, os; print(os.path.dirname(torch.__file__))'), a libtorch folder or its lib folder"
    return 1
  fi
  if [ -n "${TORCH_INCLUDE_DIR:-}" ]; then
    TORCH_INCLUDE="$TORCH_INCLUDE_DIR"
  elif [ -d "$base/include/torch" ]; then
    TORCH_INCLUDE="$base/include"
  fi

  # the version, as pip's torch/version.py, libtorch's build-version or the C++ headers write it
  if [ -f "$base/version.py" ]; then
    full="$(sed -n "s/^__version__ *= *['\"]\([^'\"]*\)['\"].*/\1/p" "$base/version.py" | head -n 1)"
    cuda_from_py="$(sed -n "s/^cuda[^=]*= *['\"]\([0-9.]*\)['\"].*/\1/p" "$base/version.py" | head -n 1)"
  elif [ -f "$base/build-version" ]; then
    full="$(head -n 1 "$base/build-version")"
  elif [ -n "$TORCH_INCLUDE" ] && [ -f "$TORCH_INCLUDE/torch/csrc/api/include/torch/version.h" ]; then
    local h="$TORCH_INCLUDE/torch/csrc/api/include/torch/version.h"
    full="$(sed -n 's/^#define TORCH_VERSION_MAJOR \([0-9]*\).*/\1/p' "$h").$(sed -n 's/^#define TORCH_VERSION_MINOR \([0-9]*\).*/\1/p' "$h").$(sed -n 's/^#define TORCH_VERSION_PATCH \([0-9]*\).*/\1/p' "$h")"
  fi
  if [ -n "${PYTORCH_VERSION:-}" ]; then
    TORCH_VERSION="$PYTORCH_VERSION"
  else
    TORCH_VERSION="$(printf '%s' "${full:-}" | grep -o '^[0-9]*\.[0-9]*\.[0-9]*' || true)"
  fi
  if [ -z "$TORCH_VERSION" ]; then
    TORCH_ERROR="cannot tell which PyTorch version is in $TORCH_LIB (no version.py, build-version or torch/version.h beside it): set PYTORCH_VERSION (e.g. 2.11.0) and PYTORCH_FLAVOR (cpu, or cu130 for CUDA 13.0)"
    return 1
  fi

  # the flavor: a +cu130 or +cpu suffix, else version.py's cuda, else whether CUDA libraries are there
  local suffix="${full#*+}"
  [ "$suffix" = "${full:-}" ] && suffix=""
  if [ -n "${PYTORCH_FLAVOR:-}" ]; then
    TORCH_FLAVOR="$PYTORCH_FLAVOR"
  elif printf '%s' "$suffix" | grep -q '^cu[0-9][0-9]*$'; then
    TORCH_FLAVOR="$suffix"
  elif [ -n "$cuda_from_py" ]; then
    TORCH_FLAVOR="cu$(printf '%s' "$cuda_from_py" | tr -d .)"
  elif [ -f "$TORCH_LIB/libtorch_cuda.so" ]; then
    TORCH_ERROR="$TORCH_LIB holds a CUDA build of PyTorch but does not say for which CUDA: set PYTORCH_FLAVOR (e.g. cu130 for CUDA 13.0)"
    return 1
  else
    TORCH_FLAVOR="cpu"
  fi
  case "$TORCH_FLAVOR" in
    cpu) TORCH_CUDA="" ;;
    cu[0-9]*)
      if [ -n "$cuda_from_py" ]; then
        TORCH_CUDA="$cuda_from_py"
      else # cu130 → 13.0, cu128 → 12.8
        local digits="${TORCH_FLAVOR#cu}"
        TORCH_CUDA="${digits%?}.${digits: -1}"
      fi ;;
    *) TORCH_ERROR="PYTORCH_FLAVOR=$TORCH_FLAVOR: give cpu, or cuNNN for a CUDA build (cu130 for CUDA 13.0)"; return 1 ;;
  esac
  return 0
}

torch_jni_path() {
  printf '%s/pytorch/%s-%s-linux-%s/%s-libdjl_torch.so' "$1" "$TORCH_VERSION" "$TORCH_FLAVOR" "$(uname -m)" "$TORCH_DJL_VERSION"
}

cuda_home() {
  if [ -n "${CUDA_HOME:-}" ]; then
    printf '%s' "$CUDA_HOME"
  elif [ -d /usr/local/cuda ]; then
    printf '%s' /usr/local/cuda
  else
    # shellcheck disable=SC2012 # version-sorted names, no odd characters
    ls -d /usr/local/cuda-* 2>/dev/null | sort -V | tail -n 1 || true
  fi
}
