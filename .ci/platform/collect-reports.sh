#!/usr/bin/env bash
# Copies every module's surefire XML reports into target/platforms/<name>/ (replacing what was there), so that the
# next platform's run cannot overwrite them. Two modules may run the same test class (the consumer builds do), so
# each report is named after its module's path: <module path with / as _>__TEST-<class>.xml.
# Usage: bash .ci/platform/collect-reports.sh <name>
set -euo pipefail
dir="target/platforms/${1:?platform name}"
rm -rf "$dir" && mkdir -p "$dir"
find . -path './target' -prune -o -path '*/target/surefire-reports/TEST-*.xml' -print | while read -r report; do
    module="${report#./}"
    module="${module%%/target/surefire-reports/*}"
    cp "$report" "$dir/${module//\//_}__$(basename "$report")"
done
