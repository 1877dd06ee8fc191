#!/usr/bin/env bash
# Debian packages the test suite uses to read briefs back: LibreOffice (headless PDF rendering)
# and poppler-utils (pdftotext). Installed only when missing.
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
  exit 0
fi
missing() {
  echo "briefer: LibreOffice (soffice) or poppler-utils (pdftotext) missing and cannot be installed here;" \
       "the LibreOffice rendering tests will be skipped" >&2
  # Under CI every test must run, so a missing package is a failure there.
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
}
command -v apt-get >/dev/null 2>&1 || missing
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null || missing
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || missing
$SUDO apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui poppler-utils >/dev/null || missing
