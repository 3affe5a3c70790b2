#!/usr/bin/env bash
# Builds the semantic-search example (and the modules it needs) and runs it with a JDK 25.
# Arguments go to the program: [--data DIR] [--topic T] [--level L] [QUESTION...]
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/bin/find-java.sh"
hnsw4j_find_java

(cd "$root" && mvn -B -q -pl examples/semantic-search -am -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
  package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/classpath.txt)

exec "$HNSW4J_JAVA" ${JAVA_OPTS:-} --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" io.hnsw4j.examples.semanticsearch.Main "$@"
