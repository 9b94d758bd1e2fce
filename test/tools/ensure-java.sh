#!/usr/bin/env bash
# Installs a JDK (11 or later) and Maven when missing, for the tests that compile and run the
# generated Java against the real AWS SDK jars. Needs root and apt-get (CI, Debian or Ubuntu
# machines); elsewhere it says what to do. Maven itself downloads the jars when the tests start.
set -euo pipefail
need=()
command -v javac >/dev/null 2>&1 || need+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
if [ ${#need[@]} -eq 0 ]; then
  echo "java: $(javac -version 2>&1); maven: $(mvn --version 2>/dev/null | head -1)"
  exit 0
fi
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  echo "java: installed ${need[*]}: $(javac -version 2>&1); $(mvn --version 2>/dev/null | head -1)"
else
  echo "missing: ${need[*]}. Install a JDK 11 or later and Maven 3.6 or later; the Java tests skip without them (and fail under CI=true)." >&2
fi
