#!/usr/bin/env bash
# Gets everything a probelab notebook needs, doing only what is missing or stale: the modules installed in
# ~/.m2 (where `%use probelab` resolves them), Jupyter, and the Kotlin kernel. Prints the directory to put
# on JUPYTER_PATH; all else goes to stderr.
#   tools/prepare-notebooks.sh [--ui]     --ui: also a browser UI (for ./probelab lab)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/tools/user-home.sh"   # ~/.m2 as Maven sees it, whatever $HOME says
source "$root/tools/setup-log.sh"
native="${PROBELAB_TF_NATIVE:-linux-x86_64}"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
stamp="$root/kernel-integration/target/.installed"
installed_jar="$user_home/.m2/repository/org/probelab/probelab-kernel-integration/$version/probelab-kernel-integration-$version.jar"

modules_stale() {
    [ -f "$stamp" ] && [ -f "$installed_jar" ] || return 0
    [ "$(cat "$stamp")" = "$native" ] || return 0
    [ -n "$(find "$root/pom.xml" "$root/core" "$root/dsl" "$root/kernel-integration" -newer "$stamp" \
        \( -name '*.java' -o -name '*.kt' -o -name 'pom.xml' -o -path '*/resources/*' \) \
        -not -path '*/target/*' -print -quit)" ]
}

if modules_stale; then
    command -v mvn >/dev/null || { echo "probelab: Maven (mvn) is needed to build; install it (apt-get install maven)" >&2; exit 1; }
    echo "probelab: installing the modules into $user_home/.m2 for %use probelab (log: $setup_log)..." >&2
    quietly mvn -B -q -Dstyle.color=never -f "$root/pom.xml" -pl core,dsl,kernel-integration -am install -DskipTests \
        -Dtensorflow.native="$native" || exit 1
    echo "$native" > "$stamp"
fi
"$root/tools/install-jupyter.sh" "$@"
"$root/tools/install-kotlin-kernel.sh"
