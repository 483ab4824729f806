# Finds a Java runtime of at least the given feature version (default 21), since the machine's default
# `java` may be older: JAVA_HOME first, then `java` on the PATH, then the newest JDK under /usr/lib/jvm.
# Usage: source bin/jdk.sh; JAVA=$(find_java 21)

java_feature_version() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}

find_java() {
  local wanted="${1:-21}" candidate version best="" best_version=0
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)" /usr/lib/jvm/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version="$(java_feature_version "$candidate")"
    [ -n "$version" ] || continue
    if [ "$version" -ge "$wanted" ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate"; best_version="$version"
    fi
  done
  if [ -z "$best" ]; then
    echo "email-engine: no Java $wanted or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install a JDK $wanted+" >&2
    return 1
  fi
  echo "$best"
}
