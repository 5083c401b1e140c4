#!/usr/bin/env bash
# Installs the Debian packages listed in scripts/system-packages.txt that are missing.
# Idempotent: does nothing (not even `apt-get update`) when everything is present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
missing=()
while read -r package; do
    [[ -z "$package" || "$package" == \#* ]] && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done < "$here/system-packages.txt"
if ((${#missing[@]} == 0)); then
    echo "system packages: all present"
    exit 0
fi
echo "system packages: installing ${missing[*]}"
sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
$sudo_cmd apt-get update
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y "${missing[@]}"
