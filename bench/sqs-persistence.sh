#!/usr/bin/env bash
# What keeping SQS messages in a data folder costs: the embedded ElasticMQ in memory and with its H2 store (D44),
# sends, batch sends, receive-and-delete, and a start that restores what was kept.
# Usage: bench/sqs-persistence.sh [messages=2000] [threads=8]. Results go to docs/benchmarks.md and docs/decisions.md (D44) by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
# The reactor resolves the sibling modules to their freshly packaged jars; every module writes its classpath file.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
"$JAVA" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" com.emailengine.bench.SqsPersistenceProbe "$@"
