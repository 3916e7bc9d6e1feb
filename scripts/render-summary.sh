#!/bin/sh
# Renders the first pages of the sample's summary to docs/summary-overview.png (总览) and
# docs/summary-plan.png (方案进度), the pictures the README shows: LibreOffice prints the workbook
# to PDF, poppler's pdftoppm rasterises it.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$work" "$profile"' EXIT
cp -r "$root/workbooks/sample" "$work/sample"
node "$root/dist/bin/taizhang.js" summary "$work/sample" -o "$work/summary.xlsx" >/dev/null || [ $? -eq 1 ]
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$work" "$work/summary.xlsx" >/dev/null
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/summary.pdf" "$root/docs/summary-overview"
pdftoppm -png -r 90 -f 2 -l 2 -singlefile "$work/summary.pdf" "$root/docs/summary-plan"
echo "docs/summary-overview.png docs/summary-plan.png"
