#!/usr/bin/env bash
# What the tests need beyond npm: LibreOffice (headless Calc, to author fixtures and to prove the
# files we write open), its Python bridge (the fixture script), poppler (PDF → PNG) and CJK fonts
# (so rendered pages show Chinese), openssl (a self-signed certificate for the STARTTLS mail test) and
# openpyxl (a second reader, to prove the files we write open outside LibreOffice) and Chromium (the
# local page is tested in a real browser, driven by playwright-core). Installed from Debian when missing; quiet when present.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
/usr/bin/python3 -c 'import uno' >/dev/null 2>&1 || need+=(python3-uno)
/usr/bin/python3 -c 'import openpyxl' >/dev/null 2>&1 || need+=(python3-openpyxl)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
