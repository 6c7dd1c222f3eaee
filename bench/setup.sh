#!/usr/bin/env bash
# Installs the PyTorch reference peer from Debian, idempotently, and makes sure torch runs on
# OpenBLAS: Debian's python3-torch links the generic libblas.so.3, which by default resolves to the
# reference (netlib) BLAS and makes a BERT forward ~40x slower.
set -euo pipefail

PY=/usr/bin/python3   # Debian's python: a pyenv python3 earlier on PATH has no torch
PACKAGES=(python3-torch python3-numpy libopenblas0-pthread)
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    # An empty package index (fresh container) cannot resolve anything: update only then.
    if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]; then
        as_root apt-get update -q -o DPkg::Lock::Timeout=600
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install "${APT_OPTS[@]}" --no-install-recommends "${missing[@]}"
fi

# Point the generic BLAS/LAPACK at OpenBLAS (the pthread flavour installs these alternatives).
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
for lib in libblas.so.3 liblapack.so.3; do
    name="$lib-$arch"
    target=$(update-alternatives --list "$name" 2>/dev/null | grep -m1 openblas-pthread || true)
    if [ -z "$target" ]; then
        echo "setup: no OpenBLAS alternative for $name; torch would run on reference BLAS" >&2
        exit 1
    fi
    current=$(readlink -f "/etc/alternatives/$name" 2>/dev/null || true)
    if [ "$current" != "$(readlink -f "$target")" ]; then
        as_root update-alternatives --set "$name" "$target" >/dev/null
    fi
done

# Show which BLAS torch actually resolves at run time, not just what the alternatives say.
"$PY" - <<'PYEOF'
import re, torch, numpy
torch.zeros(2, 2) @ torch.zeros(2, 2)   # forces the BLAS library to be loaded
with open("/proc/self/maps") as maps:
    blas = sorted({m.group(0) for m in re.finditer(r"/\S*(?:blas|lapack)\S*", maps.read())})
print(f"setup: torch {torch.__version__}, numpy {numpy.__version__}, "
      f"BLAS libraries loaded: {', '.join(blas) or 'none'}")
if not any("openblas" in b for b in blas):
    raise SystemExit("setup: torch is not using OpenBLAS")
PYEOF
