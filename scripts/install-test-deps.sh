#!/usr/bin/env bash
# Installs the Debian packages the kernel's client tests drive (jupyter_client, nbconvert, nbclient,
# jupyter-console, ipykernel for the latency comparison), a font for headless charts, and Slurm with munge for
# the sweep tests' one-node cluster (scripts/slurm-local.sh; its daemons are started by the test, not here).
# Idempotent: installs nothing, and runs `apt-get update` not at all, when everything is present.
set -euo pipefail

packages=(jupyter-client python3-jupyter-client jupyter-nbconvert python3-nbclient jupyter-console
          python3-ipykernel fonts-dejavu-core slurm-wlm munge)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "test dependencies present: ${packages[*]}"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-test-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
"${as_root[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
