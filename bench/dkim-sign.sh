#!/usr/bin/env bash
# DKIM signing rates on one thread (JMH): bare JDK RSA-2048 and Ed25519, BouncyCastle Ed25519, whole messages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
# The reactor resolves the sibling modules to their freshly packaged jars; every module writes its classpath file.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
"$JAVA" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.openjdk.jmh.Main DkimSignBenchmark "$@"
