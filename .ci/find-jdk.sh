# Sourced by ./afterhours and .ci/run: sets JAVA_HOME to a JDK 21 or newer.
# Keeps JAVA_HOME when it already points at one; otherwise looks under /usr/lib/jvm, newest first.
jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ] || [ "$(jdk_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  JAVA_HOME=""
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    if [ -x "$candidate/bin/javac" ] && [ "$(jdk_major "$candidate")" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$candidate
      break
    fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "afterhours needs a JDK 21 or newer (none in JAVA_HOME or /usr/lib/jvm)." >&2
    exit 1
  fi
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's own libraries use sun.misc.Unsafe, which JDK 24+ warns about on every run; allow it quietly there.
if [ "$(jdk_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
