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
