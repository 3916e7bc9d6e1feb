#!/bin/sh
# Renders page 1 (总览) of the sample's summary to docs/summary-overview.png, the picture the
# README shows: LibreOffice prints the workbook to PDF, poppler's pdftoppm rasterises it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT
cp -r "$root/workbooks/sample" "$work/sample"
node "$root/dist/cli/main.js" summary "$work/sample" -o "$work/summary.xlsx" >/dev/null || [ $? -eq 1 ]
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$work/summary.xlsx" >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/summary.pdf" "$root/docs/summary-overview"
echo "docs/summary-overview.png"
