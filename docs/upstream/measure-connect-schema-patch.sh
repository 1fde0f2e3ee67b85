#!/usr/bin/env bash
# Runs the conversion benchmarks (target 1 of docs/benchmarks.md) twice: with Kafka's
# ConnectSchema as released, and with connect-schema-lazy-error-text.patch applied to it (put
# first on the class path). Prints rows per second and bytes allocated per operation of both.
# Run from anywhere; needs Java, Maven, unzip and patch; takes about six minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."

work=target/upstream
rm -rf "$work" && mkdir -p "$work"
mvn -B -q help:evaluate -Dexpression=kafka.version -Doutput="$work/kafka.version"
kafka=$(cat "$work/kafka.version")

mvn -B -q -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test
mvn -B -q dependency:copy -Dartifact="org.apache.kafka:connect-api:$kafka:jar:sources" \
  -DoutputDirectory="$work"
unzip -q "$work/connect-api-$kafka-sources.jar" \
  org/apache/kafka/connect/data/ConnectSchema.java -d "$work/src"
# The patch is in Kafka's layout (connect/api/src/main/java/...): strip that to the package path.
patch --batch -d "$work/src" -p6 < docs/upstream/connect-schema-lazy-error-text.patch
javac -nowarn -d "$work/classes" -cp "$(cat "$work/classpath.txt")" \
  "$work/src/org/apache/kafka/connect/data/ConnectSchema.java"

classpath="target/test-classes:target/classes:$(cat "$work/classpath.txt")"
logging=tech/flashback/connect/bench/conversion/forks-logback.xml
for variant in released patched; do
  prefix=""
  if [ "$variant" = patched ]; then prefix="$work/classes:"; fi
  echo "== Kafka $kafka, ConnectSchema $variant"
  java -cp "$prefix$classpath" -Dlogback.configurationFile="$logging" \
    org.openjdk.jmh.Main ConversionBenchmarks -f 1 -wi 3 -w 3s -i 5 -r 3s -prof gc \
    -jvmArgs "-Xms1g -Xmx1g -XX:+UseG1GC -Dlogback.configurationFile=$logging" \
    | grep -E '^ConversionBenchmarks\.[A-Za-z]+(:gc\.alloc\.rate\.norm)? ' | tee "$work/$variant.txt"
done

echo "== Connector rate as a share of the bare Jackson pass (target 1 asks for at least 50%)"
for variant in released patched; do
  awk -v variant="$variant" '
    $1 ~ /Connector$/ { sub(/^ConversionBenchmarks\./, "", $1); sub(/Connector$/, "", $1); c[$1] = $4 }
    $1 ~ /Jackson$/ { sub(/^ConversionBenchmarks\./, "", $1); sub(/Jackson$/, "", $1); j[$1] = $4 }
    END { for (s in c) printf "%-9s %-10s %5.1f%%\n", variant, s, 100 * c[s] / j[s] }
  ' "$work/$variant.txt" | sort -k2
done
