# Sourced by ./tracker, .ci/run and the SAM build: points JAVA_HOME at a JDK >= 21 (the build targets release 21).
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}
pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(java_major "$candidate")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! JAVA_HOME="$(pick_jdk)"; then
  echo "No JDK 21 or later found (looked at JAVA_HOME and /usr/lib/jvm). Install one, or set JAVA_HOME." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava, and ElasticMQ's Pekko in ./tracker's own JVM, warn about sun.misc.Unsafe on JDK 24+;
# the flag that allows it quietly exists only there. JAVA_UNSAFE_FLAG is for the scripts' own java commands.
JAVA_UNSAFE_FLAG=""
if [ "$(java_major "$JAVA_HOME" | cut -d. -f1)" -ge 24 ] 2>/dev/null; then
  JAVA_UNSAFE_FLAG="--sun-misc-unsafe-memory-access=allow"
  case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} $JAVA_UNSAFE_FLAG" ;; esac
fi
