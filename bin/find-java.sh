# Sourced by the launchers: sets HNSW4J_JAVA to a java of version >= 25 without assuming where
# it is installed (the default java of the machine may well be older).

hnsw4j_java_major() {
  # "java -version" prints e.g. 'openjdk version "25.0.1"' or 'java version "1.8.0_402"'.
  local v
  v=$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

hnsw4j_java_ok() {
  local major
  [ -x "$1" ] || return 1
  major=$(hnsw4j_java_major "$1")
  [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null
}

hnsw4j_find_java() {
  local candidate
  # An explicit choice wins; then the PATH, then JAVA_HOME, then the usual JVM folders.
  for candidate in ${HNSW4J_JAVA:-} "$(command -v java 2>/dev/null || true)" \
      ${JAVA_HOME:+"$JAVA_HOME/bin/java"}; do
    if [ -n "$candidate" ] && hnsw4j_java_ok "$candidate"; then
      HNSW4J_JAVA=$candidate
      return 0
    fi
  done
  for candidate in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/*/bin/java \
      /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    if hnsw4j_java_ok "$candidate"; then
      HNSW4J_JAVA=$candidate
      return 0
    fi
  done
  echo "hnsw4j: no Java 25 or newer found (looked at \$HNSW4J_JAVA, java on the PATH," \
    "\$JAVA_HOME and /usr/lib/jvm); install a JDK 25 or set JAVA_HOME to one" >&2
  return 1
}
