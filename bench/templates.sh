#!/usr/bin/env bash
# Template rendering throughput on one core (JMH): builds the bench module and runs TemplateRenderBenchmark.
# Extra arguments go to JMH, e.g. `bench/templates.sh -p textPart=derived`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
mvn -B -q -pl bench -am -DskipTests package
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile=bench/target/classpath.txt > /dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
"$JAVA" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main TemplateRenderBenchmark "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
