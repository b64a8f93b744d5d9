#!/bin/sh
# Install the build and test dependencies of samlcheck on Debian 12 (bookworm)
# if any is missing. Needs root (or sudo) only when something must be installed.
set -eu
PKGS="build-essential autoconf automake libtool pkg-config
      libxml2-dev libxmlsec1-dev libxmlsec1-openssl libssl-dev libcmocka-dev libjansson-dev libyaml-dev
      xmlsec1 openssl python3 python3-jsonschema valgrind groff-base
      clang libclang-rt-dev clang-format abigail-tools"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
