#!/bin/sh
set -e
cd "$(dirname "$0")"
mkdir -p m4
autoreconf -fi
# automake's TAP driver is not installed by autoreconf
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh
chmod +x build-aux/tap-driver.sh
