#!/usr/bin/env bash
# Template rendering throughput on one core (JMH): builds the bench module and runs TemplateRenderBenchmark.
# Extra arguments go to JMH, e.g. `bench/templates.sh -p textPart=derived`. JMH allows one benchmark per machine at
# a time; on a shared machine this waits (up to 20 minutes) until no other JMH run holds the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
mvn -B -q -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > /dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
for attempt in $(seq 1 40); do
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
  if "$JAVA" -cp "$CP" org.openjdk.jmh.Main TemplateRenderBenchmark "$@" 2>&1 | tee /tmp/ee-templates-bench.out; then
    grep -q "Unable to acquire the JMH lock" /tmp/ee-templates-bench.out || break
  fi
  echo "another JMH run holds the lock; waiting 30 s"
  sleep 30
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
