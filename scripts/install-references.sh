#!/usr/bin/env bash
# Installs the reference implementations the conformance tests compare arabnorm with.
# They are used by the tests only: the arabnorm package never imports them.
#   scripts/install-references.sh .venv
set -euo pipefail
venv="${1:-.venv}"
pip="$venv/bin/pip"

# CAMeL Tools 1.6.0, without its dependencies (torch, transformers, ...): the
# character maps and normalizers the camel preset and translit schemes match.
"$pip" install -q --no-deps camel-tools==1.6.0

# AraBERT's preprocessor (arabert 1.0.1), without its dependencies: its preprocess module
# imports only PyArabic (GPL, used by the tests only, never by arabnorm). farasapy is for
# the segmented models, and emoji (pinned ==1.4.2 there) is imported only for the twitter
# models: the bert-base-arabertv02 path the arabert preset matches needs neither.
"$pip" install -q --no-deps arabert==1.0.1 PyArabic==0.6.15

# Lucene 8 (Debian's liblucene8-java: lucene-core and lucene-analyzers-common) and a JDK
# to compile and run tests/conformance/LuceneDriver.java: the reference for `arabnorm
# analyze` and the lucene, persian, stem and stopwords stages. Skipped when present.
have_lucene() {
    command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 &&
        compgen -G "/usr/share/java/lucene-core-8*.jar" >/dev/null &&
        compgen -G "/usr/share/java/lucene-analyzers-common-8*.jar" >/dev/null
}
if ! have_lucene; then
    if [ "$(id -u)" = 0 ]; then
        sudo=""
    elif command -v sudo >/dev/null 2>&1; then
        sudo="sudo"
    else
        echo "install-references: not root and no sudo: Lucene and a JDK not installed;" \
            "the Lucene conformance tests will be skipped" >&2
        exit 0
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends liblucene8-java default-jdk-headless >/dev/null
    have_lucene
fi
