#!/usr/bin/env bash
# Packages one Lambda function for `sam build`: its classes at the root of the artifact and its runtime
# dependencies (sibling modules included) under lib/, the layout the java21 runtime loads. No shading, so each
# function's artifact holds only what that function uses.
set -euo pipefail
logical_id="$1"
artifacts_dir="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"

# FooBarFunction -> foo-bar
name="${logical_id%Function}"
module="functions/$(echo "$name" | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr '[:upper:]' '[:lower:]')"
if [ ! -f "$root/$module/pom.xml" ]; then
  echo "package-function: no Maven module $module for $logical_id" >&2
  exit 1
fi

source "$root/infra/build/java-home.sh"
cd "$root"
mvn -B -q -pl "$module" -am install -DskipTests -Dmaven.test.skip=true
mvn -B -q -pl "$module" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$artifacts_dir/lib"
cp -R "$module/target/classes/." "$artifacts_dir/"
