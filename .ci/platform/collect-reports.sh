#!/usr/bin/env bash
# Copies every module's surefire XML reports into target/platforms/<name>/ (replacing what was there), so that the
# next platform's run cannot overwrite them. Usage: bash .ci/platform/collect-reports.sh <name>
set -euo pipefail
dir="target/platforms/${1:?platform name}"
rm -rf "$dir" && mkdir -p "$dir"
find . -path './target' -prune -o -path '*/target/surefire-reports/TEST-*.xml' -print | xargs -r cp -t "$dir"
