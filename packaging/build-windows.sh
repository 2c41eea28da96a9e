#!/usr/bin/env bash
# Builds the Windows packages from an already cross-compiled nianbao.exe:
#   dist/nianbao-<version>-windows-x64-setup.exe     (NSIS, per user, /S for silent)
#   dist/nianbao-<version>-windows-x64-portable.zip  (nianbao.exe, 说明.txt, guide/)
# Usage: packaging/build-windows.sh path/to/nianbao.exe [out-dir]
# Needs Debian's nsis and zip. NIANBAO_PACKAGE_VERSION overrides the version (CI builds an "older"
# setup from the same program to test upgrading in place).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
exe="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
out="${2:-$repo/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
version="${NIANBAO_PACKAGE_VERSION:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sed "s/{VERSION}/$version/g" "$repo/packaging/windows/说明.txt.in" > "$work/说明.txt"
# The uninstaller deletes the guide's files by name (never a whole folder).
for f in "$repo"/docs/guide/*.*; do
  printf '  Delete "$INSTDIR\\guide\\%s"\n' "$(basename "$f")"
done > "$work/guide-files.nsh"

setup="$out/nianbao-$version-windows-x64-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DEXE="$exe" -DSRC="$repo" -DREADME_TXT="$work/说明.txt" \
  -DGUIDE_FILES="$work/guide-files.nsh" -DOUTFILE="$setup" \
  "$repo/packaging/windows/nianbao.nsi"

portable="$out/nianbao-$version-windows-x64-portable.zip"
mkdir -p "$work/zip/nianbao-$version/guide"
cp "$exe" "$work/zip/nianbao-$version/nianbao.exe"
cp "$work/说明.txt" "$work/zip/nianbao-$version/说明.txt"
cp "$repo"/docs/guide/*.* "$work/zip/nianbao-$version/guide/"
rm -f "$portable"
# zip stores UTF-8 names with the Unicode flag, which Windows 10's Explorer reads.
(cd "$work/zip" && zip -q -X -r "$portable" "nianbao-$version")
ls -l "$setup" "$portable"
