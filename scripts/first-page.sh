#!/usr/bin/env bash
# Regenerate docs/first-page.png (the README's picture) from the seed brief: build it, render it with
# LibreOffice and take page 1 with pdftoppm (scripts/install-system-deps.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
.venv/bin/briefer build seeds/ -o "$tmp/brief.docx" --no-cache --quiet
soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp" "$tmp/brief.docx" >/dev/null
pdftoppm -f 1 -l 1 -png -r 70 "$tmp/brief.pdf" "$tmp/page"
cp "$tmp"/page*.png docs/first-page.png
echo "Wrote docs/first-page.png"
