#!/bin/sh
# Regenerates test/fixtures/phonetic-reference.json from the reference implementation, Apache
# commons-codec (Debian: apt-get install default-jre-headless libcommons-codec-java). Run once by
# hand from packages/translit; CI does not need Java, it only reads the fixture.
set -eu
JAR=${COMMONS_CODEC_JAR:-/usr/share/java/commons-codec.jar}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp eval/phonetic-reference/Reference.java "$TMP/"
javac -d "$TMP" -cp "$JAR" "$TMP/Reference.java"
VERSION=$(unzip -p "$JAR" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: *//p' | tr -d '\r')
node eval/phonetic-reference/names.mjs > "$TMP/names.txt"
{
  printf '{"reference":"Apache commons-codec %s (Debian libcommons-codec-java)","engine":"PhoneticEngine(nameType, ruleType, concat=true, maxPhonemes=20); DaitchMokotoffSoundex.soundex()","entries":\n' "$VERSION"
  java -cp "$JAR:$TMP" Reference < "$TMP/names.txt"
  printf '}\n'
} > test/fixtures/phonetic-reference.json
echo "wrote test/fixtures/phonetic-reference.json ($(wc -l < "$TMP/names.txt") names)"
