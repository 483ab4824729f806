#!/usr/bin/env bash
# Runs the JMH benchmarks of the bench module (all, or those matching the regex given) on the toolchain JDK and
# prints JMH's summary; JSON results go to bench/target/jmh-result.json. Results and the machine's load belong in
# docs/benchmarks.md. Usage: bench/run-benchmarks.sh [REGEX] [extra JMH options, e.g. -i 3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
mvn -B -q -pl bench -am package -DskipTests
echo "== $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
PATTERN="${1:-.*}"
shift || true
exec "$JAVA" -Demailengine.dynalite.home="$PWD/localstack/target/dynalite" \
  -cp "bench/target/email-engine-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main "$PATTERN" \
  -rf json -rff bench/target/jmh-result.json "$@"
