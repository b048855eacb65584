#!/usr/bin/env bash
# Checks that workbooks open in a real spreadsheet program: LibreOffice Calc
# (Debian package libreoffice-calc-nogui, installed by install-test-deps.sh)
# converts each one to PDF, headless, with a fresh profile. A workbook Calc
# cannot read fails the conversion and this script.
#
#   scripts/check-xlsx.sh FILE.xlsx...   check these workbooks
#   scripts/check-xlsx.sh                check the newest workbook in exports/
#
# The same check runs in the test suite (internal/export, TestLibreOffice…).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
  echo "soffice not found: run scripts/install-test-deps.sh" >&2
  exit 2
fi
files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  newest=$(ls -t exports/*.xlsx 2>/dev/null | head -n 1 || true)
  if [ -z "$newest" ]; then
    echo "no workbook given and none in exports/ (generate one with: bin/minka export)" >&2
    exit 2
  fi
  files=("$newest")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for f in "${files[@]}"; do
  name=$(basename "${f%.*}")
  log="$work/$name.log"
  if ! timeout 300 soffice --headless --norestore --nolockcheck \
      "-env:UserInstallation=file://$work/profile" \
      --convert-to pdf --outdir "$work/out" "$f" >"$log" 2>&1 || grep -q "Error:" "$log"; then
    echo "FAIL $f"; cat "$log"; status=1; continue
  fi
  pdf="$work/out/$name.pdf"
  if [ ! -s "$pdf" ] || [ "$(head -c 4 "$pdf")" != "%PDF" ]; then
    echo "FAIL $f: LibreOffice produced no PDF"; cat "$log"; status=1; continue
  fi
  echo "ok   $f ($(wc -c <"$pdf") bytes of PDF)"
done
exit $status
