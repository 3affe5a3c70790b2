#!/usr/bin/env bash
# hnsw4j's LangChain4j store against LangChain4j's InMemoryEmbeddingStore (docs/adapters.md).
# Usage: scripts/bench-langchain4j.sh [--sizes 10000,100000,300000] [--queries 200] [--out DIR]
#                                     [--words FILE --query-words FILE] [--prepare-only]
# With --words, one phrase per line is embedded with all-MiniLM-L6-v2 (in-process, cached in the
# out directory); without, seeded random unit vectors are used. Heap: JAVA_OPTS (default -Xmx14g).
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/find-java.sh"
hnsw4j_find_java

module="$root/hnsw4j-langchain4j"
(cd "$root" && mvn -B -q -pl hnsw4j-langchain4j -am -DskipTests test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt)

# shellcheck disable=SC2086
exec "$HNSW4J_JAVA" ${JAVA_OPTS:--Xmx14g} -XX:+UseParallelGC --add-modules jdk.incubator.vector \
  --enable-native-access=ALL-UNNAMED \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/test-classpath.txt")" \
  io.hnsw4j.langchain4j.bench.InMemoryComparison "$@"
