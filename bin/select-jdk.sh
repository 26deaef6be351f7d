# Sourced by ./eventline, ./mvnw and .ci/run: points JAVA_HOME at a JDK 21 or newer, or stops with a clear message.
# Order: $JAVA_HOME, the `java` on PATH, then every JDK under /usr/lib/jvm and /opt/java (newest first).
# POSIX sh, so that ./mvnw (a sh script) can source it too.

jdk_major() { # prints the major version of the JDK whose home is $1, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

select_jdk() {
  _eventline_path_jdk=""
  if command -v java >/dev/null 2>&1; then
    _eventline_path_jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
  for _eventline_home in "${JAVA_HOME:-}" "$_eventline_path_jdk" $(ls -d /usr/lib/jvm/* /opt/java/* 2>/dev/null | sort -rV); do
    [ -n "$_eventline_home" ] || continue
    _eventline_major=$(jdk_major "$_eventline_home")
    if [ -n "$_eventline_major" ] && [ "$_eventline_major" -ge 21 ]; then
      export JAVA_HOME="$_eventline_home"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: eventline needs a JDK 21 or newer (java and javac), and none was found." >&2
  echo "       Looked at JAVA_HOME, the java on PATH, /usr/lib/jvm and /opt/java." >&2
  echo "       Install one (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
  return 1
}
