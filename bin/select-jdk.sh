# Sourced by ./eventline and .ci/run: points JAVA_HOME at a JDK 21 or newer, or stops with a clear message.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm and /opt/java (newest first).

jdk_major() { # prints the major version of the JDK whose home is $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

select_jdk() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/* /opt/java/* 2>/dev/null | sort -rV); do candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    major=$(jdk_major "$home")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: eventline needs a JDK 21 or newer (java and javac), and none was found." >&2
  echo "       Looked at JAVA_HOME, the java on PATH, /usr/lib/jvm and /opt/java." >&2
  echo "       Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}
