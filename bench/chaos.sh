#!/usr/bin/env bash
# The chaos run (D45): the local engine as processes (cloud, function host, N sender nodes), contacts posted while
# random kill -9s hit nodes and the function host, plus one kill of the whole engine; prints lost, duplicated and
# recovery times, and exits 1 when anything accepted was lost or duplicates exceed the kills.
# Arguments: [messages=10000] [kills=12] [nodes=3] [seed] [work-dir]. Run it alone: it uses every core.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
mvn -B -q -o -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > /dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1); $(date -u)"
"$JAVA" -Xmx1g -cp "$CP" com.emailengine.bench.chaos.ChaosHarness "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
