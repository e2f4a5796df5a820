#!/usr/bin/env bash
# Packs what a CUDA machine without Java, Maven or network needs to run scripts/gpu-check.sh into .gpu/bundle.tar.xz
# (.gpu/ is ignored by git; carry it to that machine with the working tree):
#   jre/             a jlink'd Java 17 runtime (the modules run, replay and bench load; no java.desktop, so no charts)
#   verity.jar, verity-plain.jar, lib/   the command line's jars, without the bundled CPU natives (pytorch-native-cpu,
#                    pytorch-jni) and without what run, replay and bench never load (PDF and SVG export, ICU),
#                    stored uncompressed so that xz compresses across them
#   djl-0.36.0-jni/  DJL v0.36.0's JNI sources, for scripts/build-jni.sh there
#   jni-include/     the JDK's include/ folder (jni.h, linux/jni_md.h)
#
#   scripts/gpu-bundle.sh [--no-build] [DJL_JNI_SOURCES]     (default sources: /work/shared/gpu/djl-0.36.0-jni)
#
# Builds the jars first (mvn package of the kernel and what it needs) unless --no-build. Prints the bundle's size
# and the working tree's: together they must stay under 64 MiB.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=true
src=/work/shared/gpu/djl-0.36.0-jni
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "gpu-bundle: unknown option $arg" >&2; exit 2 ;;
    *) src="$arg" ;;
  esac
done
[ -f "$src/include/ai_djl_pytorch_jni_PyTorchLibrary.h" ] || { echo "gpu-bundle: no DJL JNI sources in $src" >&2; exit 2; }

if $build; then
  (cd "$root" && mvn -B -q -ntp -DskipTests package -pl kernel -am)
fi
target="$root/kernel/target"
[ -f "$target/verity.jar" ] && [ -f "$target/verity-plain.jar" ] || { echo "gpu-bundle: build the jars first" >&2; exit 2; }

jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -x "$jdk/bin/jlink" ] && [ -f "$jdk/include/jni.h" ] || { echo "gpu-bundle: no JDK with jlink in $jdk: set JAVA_HOME" >&2; exit 2; }

stage="$(mktemp -d "${TMPDIR:-/tmp}/verity-gpu.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

# The Java runtime: the modules run, replay and bench load (java.sql for Tablesaw). No java.desktop: charts need
# it and fonts, so gpu-check.sh runs experiments without their plot lines. Uncompressed here, as xz compresses the
# whole bundle better than jlink's own zip would.
"$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.xml,java.sql,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=0 --output "$stage/jre"

cp "$target/verity.jar" "$target/verity-plain.jar" "$stage/"
mkdir "$stage/lib"
for jar in "$target"/lib/*.jar; do
  case "$(basename "$jar")" in
    # the CPU natives (DJL must load the machine's libtorch) and what the commands run never load
    pytorch-native-cpu-*|pytorch-jni-*|icu4j-*|pdfbox-*|fontbox-*|VectorGraphics2D-*|graphics2d-*|animated-gif-lib-*|commons-logging-*) ;;
    *) cp "$jar" "$stage/lib/" ;;
  esac
done
# jars rewritten without compression (stored): xz then compresses the classes themselves, half the size
python3 - "$stage" <<'PY'
import glob, os, sys, zipfile
for jar in glob.glob(os.path.join(sys.argv[1], "**", "*.jar"), recursive=True):
    with zipfile.ZipFile(jar) as zin, zipfile.ZipFile(jar + ".tmp", "w", zipfile.ZIP_STORED) as zout:
        for entry in zin.infolist():
            data = zin.read(entry.filename)
            entry.compress_type = zipfile.ZIP_STORED
            zout.writestr(entry, data)
    os.replace(jar + ".tmp", jar)
PY
cp -r "$src" "$stage/djl-0.36.0-jni"
cp -r "$jdk/include" "$stage/jni-include"

# .gpu/ is this script's: it holds the bundle and nothing else (a rehearsal's unpacked files and runs would travel too)
rm -rf "$root/.gpu"
mkdir -p "$root/.gpu"
tar -C "$stage" -cf - . | xz -T0 -6 >"$root/.gpu/bundle.tar.xz.tmp"
mv "$root/.gpu/bundle.tar.xz.tmp" "$root/.gpu/bundle.tar.xz"

bundle=$(stat -c %s "$root/.gpu/bundle.tar.xz")
tree=$(cd "$root" && git ls-files -co --exclude-standard -z | xargs -0 stat -c %s 2>/dev/null | awk '{s+=$1} END {print s+0}')
echo "gpu-bundle: .gpu/bundle.tar.xz $((bundle / 1024)) KiB; working tree $((tree / 1024)) KiB;" \
  "together $(((bundle + tree) / 1024 / 1024)) MiB of 64 MiB"
[ $((bundle + tree)) -lt $((64 * 1024 * 1024)) ] || { echo "gpu-bundle: too large to carry" >&2; exit 1; }
