#!/usr/bin/env bash
# The Bounded story in two commands (about a minute on two cores):
#  1. a generated 1 GB RSS feed streams through the bounded reader in a 32 MB heap;
#  2. the JDK DocumentBuilder runs out of memory on a 64 MB slice of the same feed in the same heap.
# Set SKIP_BUILD=1 to reuse an existing rss-example/target/rss-example.jar.
set -euo pipefail
cd "$(dirname "$0")"
JAR=rss-example/target/rss-example.jar

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  echo "== Building rss-example (mvn -q -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package -pl rss-example -am)"
  mvn -q -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip package -pl rss-example -am
fi

echo
echo "== 1 GB generated feed -> bounded reader in -Xmx32m (last 3 items, then the summary)"
echo "\$ java -jar $JAR --generate 1g | java -Xmx32m -jar $JAR --max-bytes unlimited - | tail -n 3"
java -jar "$JAR" --generate 1g | java -Xmx32m -jar "$JAR" --max-bytes unlimited - | tail -n 3

echo
echo "== The JDK DocumentBuilder on the first 64 MB of the same feed, same -Xmx32m heap (child JVM)"
echo "\$ java -Xmx32m -cp $JAR dev.bounded.rss.internal.JdkDomDemo 64m"
set +e
java -Xmx32m -cp "$JAR" dev.bounded.rss.internal.JdkDomDemo 64m
status=$?
set -e
if [ "$status" -ne 0 ]; then
  echo "(the JDK DocumentBuilder failed as expected: exit status $status)"
else
  echo "(unexpected: the DOM fit in this heap)"
fi
exit 0
