#!/usr/bin/env bash
# Makes sure Jupyter can run notebooks headless (nbconvert + nbclient); with --ui also a browser UI.
# Idempotent: does nothing when the pieces are already there.
#   tools/install-jupyter.sh          headless execution only (what `./probelab notebook` needs)
#   tools/install-jupyter.sh --ui     also JupyterLab or the classic Notebook (what `./probelab lab` needs)
# Debian packages are preferred (they need no PyPI); pip is the fallback where apt-get is missing.
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/setup-log.sh"

want_ui=false
case "${1:-}" in
    --ui) want_ui=true ;;
    "") ;;
    *) echo "usage: $0 [--ui]" >&2; exit 2 ;;
esac

has_headless() {
    # nbconvert depends on nbclient and jupyter_client, so one command answers for all of them
    command -v jupyter >/dev/null && jupyter nbconvert --version >/dev/null 2>&1
}

has_ui() {
    command -v jupyter >/dev/null \
        && { jupyter lab --version >/dev/null 2>&1 || jupyter notebook --version >/dev/null 2>&1; }
}

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_has() {
    # a package counts as available when apt knows a candidate version for it (not grep -q on a
    # pipe: under pipefail, apt-cache's SIGPIPE would make the answer "no")
    local policy
    policy=$(apt-cache policy "$1" 2>/dev/null)
    [[ $policy == *"Candidate: "[0-9]* ]]
}

install_with_apt() {
    local packages=(jupyter-nbconvert jupyter-client python3-nbclient jupyter-core python3-ipykernel)
    quietly as_root apt-get update -q
    if $want_ui; then
        if apt_has jupyterlab; then packages+=(jupyterlab)
        elif apt_has jupyter-notebook; then packages+=(jupyter-notebook)
        else echo "install-jupyter: apt offers neither jupyterlab nor jupyter-notebook" >&2; exit 1
        fi
    fi
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
}

install_with_pip() {
    local packages=(nbconvert nbclient jupyter_client jupyter_core ipykernel)
    $want_ui && packages+=(jupyterlab)
    command -v python3 >/dev/null || { echo "install-jupyter: neither apt-get nor python3 is available" >&2; exit 1; }
    quietly python3 -m pip install --user -q "${packages[@]}"
}

if has_headless && { ! $want_ui || has_ui; }; then
    exit 0
fi
echo "probelab: installing Jupyter$($want_ui && echo ' with a browser UI') (log: $setup_log)..." >&2
if command -v apt-get >/dev/null; then install_with_apt; else install_with_pip; fi
has_headless || { echo "install-jupyter: jupyter nbconvert still does not run after installing" >&2; exit 1; }
if $want_ui && ! has_ui; then echo "install-jupyter: no Jupyter UI runs after installing" >&2; exit 1; fi
