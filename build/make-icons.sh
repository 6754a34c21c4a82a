#!/usr/bin/env bash
# Generates every icon the installers and the tray need from assets/icon.svg and assets/tray.svg.
# Needs ImageMagick (apt-get install imagemagick). The generated files are committed, so a user's
# `npm start` or `npm run dist` does not need ImageMagick.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p build/icons assets/tray
for size in 16 24 32 48 64 128 256 512 1024; do
  convert -background none -density 384 assets/icon.svg -resize "${size}x${size}" "build/icons/${size}x${size}.png"
done
cp build/icons/512x512.png build/icon.png
convert build/icons/16x16.png build/icons/24x24.png build/icons/32x32.png build/icons/48x48.png build/icons/64x64.png build/icons/128x128.png build/icons/256x256.png build/icon.ico
# Tray: black template images for macOS (…Template.png, @2x), which tints them for its menu bar.
convert -background none -density 288 assets/tray.svg -resize 16x16 assets/tray/trayTemplate.png
convert -background none -density 288 assets/tray.svg -resize 32x32 assets/tray/trayTemplate@2x.png
# Windows and Linux: the coloured app icon, which reads on dark and light panels alike (Linux does not
# say which the panel is, and the app's own theme says nothing about it).
cp build/icons/32x32.png assets/tray/tray-color.png
cp build/icons/64x64.png assets/tray/tray-color@2x.png
echo "icons written to build/ and assets/tray/"
