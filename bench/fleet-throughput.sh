#!/usr/bin/env bash
# Messages/s of one sender node's delivery path (compose, DKIM, SMTP from 100 source IPs into loopback sinks),
# the bare JDK RSA-2048 sign rate of the same run, a CPU profile (JFR: hottest methods) and peak memory.
# Usage: bench/fleet-throughput.sh [seconds=20] [senders=200] [rsa|dual]. Results go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
JFR="$(dirname "$JAVA")/jfr"
# The reactor resolves the sibling modules to their freshly packaged jars; every module writes its classpath file.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
RECORDING=bench/target/fleet-throughput.jfr
# The heap the daemon gets on a c7g.large (4 GiB, MaxRAMPercentage=75 in the boot script) would hide nothing: cap it
# lower so the peak says what the node needs. The probe records JFR itself over the measured window only.
"$JAVA" -Xmx1g -Dee.jfr=$RECORDING -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" \
  com.emailengine.fleet.FleetThroughputProbe "$@"
echo "== hottest methods (JFR execution samples, measured window)"
"$JFR" view --width 160 hot-methods "$RECORDING" | head -30
