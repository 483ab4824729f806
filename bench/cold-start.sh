#!/usr/bin/env bash
# Cold start of the ingest Lambda handler, fresh JVM to first response, against a running local cloud.
# Starts `email-engine local` on its standard ports, runs the probe N times (default 10) in fresh JVMs with the
# deployable functions jar, with and without Lambda's usual -XX:TieredStopAtLevel=1, prints the runs and medians.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bin/jdk.sh
JAVA="$(find_java 21)"
RUNS="${1:-10}"
mvn -B -q -DskipTests package
bin/email-engine local > /tmp/ee-cold-start-local.log 2>&1 &
LOCAL_PID=$!
trap 'kill $LOCAL_PID 2>/dev/null; wait $LOCAL_PID 2>/dev/null' EXIT
for _ in $(seq 1 120); do grep -q "Press Ctrl-C" /tmp/ee-cold-start-local.log && break; sleep 1; done
export EE_STAGE=local EE_REGION=eu-west-1 EE_ACCESS_KEY_ID=local EE_SECRET_ACCESS_KEY=localsecret
export EE_SQS_ENDPOINT=http://127.0.0.1:9324 EE_DYNAMODB_ENDPOINT=http://127.0.0.1:8000 EE_S3_ENDPOINT=http://127.0.0.1:9000
export EE_SOURCE_KEY_DIR="$PWD/local-data/source-keys"
export EE_BUCKET_CONFIG=ee-local-config EE_QUEUE_URL_CONTACTS=http://127.0.0.1:9324/000000000000/ee-local-contacts
CP="functions/target/email-engine-functions.jar:bench/target/email-engine-bench.jar"
for flags in "" "-XX:TieredStopAtLevel=1"; do
  echo "== java ${flags:-(default flags)} ($("$JAVA" -version 2>&1 | head -1))"
  for _ in $(seq 1 "$RUNS"); do
    start=$(date +%s%N)
    line=$("$JAVA" $flags -cp "$CP" com.emailengine.bench.ColdStartProbe sos-expat 2>/dev/null)
    end=$(date +%s%N)
    echo "$line process_wall_ms=$(( (end - start) / 1000000 ))"
  done | tee /tmp/ee-cold-start-runs.txt
  for key in init_ms first_request_ms jvm_to_first_response_ms process_wall_ms; do
    grep -o "$key=[0-9]*" /tmp/ee-cold-start-runs.txt | cut -d= -f2 | sort -n \
      | awk -v k="$key" '{ v[NR] = $1 } END { printf "  median %s = %s (min %s, max %s)\n", k, v[int((NR + 1) / 2)], v[1], v[NR] }'
  done
done
