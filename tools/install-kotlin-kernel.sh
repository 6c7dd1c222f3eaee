#!/usr/bin/env bash
# Installs the Kotlin Jupyter kernel for probelab notebooks into a project-local prefix, from Maven Central
# only (no pip, no GitHub): the kernel's jars and a kernelspec "probelab-kotlin" under the prefix, and the
# library descriptor ~/.jupyter_kotlin/libraries/probelab.json that makes `%use probelab` load
# org.probelab:probelab-kernel-integration from ~/.m2. "~" is the JVM's user.home, where the kernel and Maven
# look, even when $HOME points elsewhere (tools/user-home.sh).
#   tools/install-kotlin-kernel.sh [prefix]     prefix defaults to <repo>/.probelab/kernel
# Afterwards: JUPYTER_PATH=<prefix>/share/jupyter jupyter ... --kernel probelab-kotlin
# Idempotent: the jars are downloaded once per kernel version; the small files are rewritten every time.
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
source "$root/tools/user-home.sh"
source "$root/tools/setup-log.sh"
prefix=$(realpath -m "${1:-$root/.probelab/kernel}")
# 0.11.0-398 is the only kernel on the Maven mirror; it compiles cells with Kotlin 1.8.20
kernel_version=0.11.0-398
jars="$prefix/jars"
probelab_version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)

# writes stdin to $1 through a temp file in the same directory, so a reader never sees half a file
write_atomically() {
    local tmp
    mkdir -p "$(dirname "$1")"
    tmp=$(mktemp "$1.XXXXXX")
    cat > "$tmp"
    mv -f "$tmp" "$1"
}

fetch_kernel_jars() {
    [ "$(cat "$jars/.version" 2>/dev/null)" = "$kernel_version" ] && return 0
    command -v mvn >/dev/null || { echo "install-kotlin-kernel: Maven (mvn) is needed: apt-get install maven" >&2; exit 1; }
    echo "probelab: downloading the Kotlin kernel $kernel_version from Maven Central (log: $setup_log)..." >&2
    write_atomically "$prefix/deps/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.probelab.local</groupId>
  <artifactId>kotlin-kernel-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.jetbrains.kotlinx</groupId>
      <artifactId>kotlin-jupyter-kernel</artifactId>
      <version>$kernel_version</version>
    </dependency>
  </dependencies>
</project>
POM
    rm -rf "$jars.partial"
    quietly mvn -B -q -Dstyle.color=never -f "$prefix/deps/pom.xml" \
        org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$jars.partial" || exit 1
    echo "$kernel_version" > "$jars.partial/.version"
    rm -rf "$jars"
    mv "$jars.partial" "$jars"
}

# the jars cells compile against by default (the kernel adds library jars to this as they are loaded)
script_classpath() {
    local names=(kotlin-jupyter-lib-$kernel_version kotlin-jupyter-api-$kernel_version kotlin-stdlib-1.8.20
        kotlin-stdlib-jdk7-1.8.20 kotlin-stdlib-jdk8-1.8.20 kotlin-reflect-1.8.20 kotlin-script-runtime-1.8.20)
    local entries=() name
    for name in "${names[@]}"; do
        [ -f "$jars/$name.jar" ] || { echo "install-kotlin-kernel: $jars/$name.jar is missing; delete $jars and rerun" >&2; exit 1; }
        entries+=("$jars/$name.jar")
    done
    (IFS=:; echo "${entries[*]}")
}

write_logging_config() {
    # the kernel logs at DEBUG to stderr by default, which floods notebook runs
    write_atomically "$prefix/logback.xml" <<'XML'
<configuration>
  <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
    <target>System.err</target>
    <encoder><pattern>%-5level %logger{30} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDERR"/></root>
</configuration>
XML
}

write_kernelspec() {
    local java
    java=$(readlink -f "$(command -v java)")
    # The serial collector; the JIT as the JVM sets it. C1 alone (-XX:TieredStopAtLevel=1) readied the kernel
    # ~1 s sooner and its first cell ~3 s sooner, but the engine runs in the kernel's JVM: C1 hashed 440 MB of
    # BERT-base weights with SHA-256 in 6.2 s against C2's 0.6 s, and notebook 04 hashes, writes and reads
    # snapshots at every stage. The heap matches the CLI's default (PROBELAB_KERNEL_XMX overrides it at install time).
    # PROBELAB_RUNS: a notebook's runs go to the repository's runs/, with the command line's, wherever the
    # notebook lies (Jupyter starts the kernel in the notebook's folder).
    write_atomically "$prefix/share/jupyter/kernels/probelab-kotlin/kernel.json" <<JSON
{
  "display_name": "Kotlin (probelab)",
  "language": "kotlin",
  "interrupt_mode": "message",
  "env": { "TF_CPP_MIN_LOG_LEVEL": "2", "PROBELAB_RUNS": "$root/runs" },
  "argv": [
    "$java", "-Xmx${PROBELAB_KERNEL_XMX:-4g}", "-XX:+UseSerialGC",
    "-Dlogback.configurationFile=$prefix/logback.xml",
    "-cp", "$jars/*",
    "org.jetbrains.kotlinx.jupyter.IkotlinKt",
    "{connection_file}",
    "-cp=$(script_classpath)",
    "-home=$prefix"
  ]
}
JSON
}

write_library_descriptor() {
    # Kernel 0.11.0-398 looks a plain `%use NAME` up only in its bundled descriptors and in
    # <user.home>/.jupyter_kotlin/libraries (its <home>/libraries is consulted only for descriptors fetched from GitHub),
    # so the descriptor goes there. Imports, renderers and the rest come from the integration jar itself
    # (META-INF/kotlin-jupyter-libraries), so the descriptor only names it.
    write_atomically "$user_home/.jupyter_kotlin/libraries/probelab.json" <<JSON
{
  "description": "probelab: probing BERT representations (engine, DSL, notebook displays)",
  "dependencies": ["org.probelab:probelab-kernel-integration:$probelab_version"]
}
JSON
    local jar="$user_home/.m2/repository/org/probelab/probelab-kernel-integration/$probelab_version/probelab-kernel-integration-$probelab_version.jar"
    [ -f "$jar" ] || echo "install-kotlin-kernel: note: $jar is not installed yet;" \
        "run 'mvn install -DskipTests' (or ./probelab notebook) before '%use probelab'" >&2
}

fetch_kernel_jars
write_logging_config
write_kernelspec
write_library_descriptor
echo "$prefix/share/jupyter"
