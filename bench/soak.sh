#!/usr/bin/env bash
# The soak (a benchmark): the local engine as processes (cloud, function host, N sender nodes), a steady stream of
# contacts through the whole path, each process's RSS, threads, file descriptors and heap sampled every minute.
# Arguments: [minutes=60] [contacts-per-second=5] [nodes=2] [work-dir]. Run it alone: it uses every core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
mvn -B -q -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > /dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); $(date -u)"
"$JAVA" -Xmx512m -cp "$CP" com.emailengine.bench.chaos.SoakRun "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
