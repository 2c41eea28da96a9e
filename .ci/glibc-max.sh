#!/usr/bin/env bash
# Prints the highest GLIBC_x.y symbol version a binary needs (objdump -T), and fails if it is
# above the given floor. Usage: .ci/glibc-max.sh BINARY FLOOR   (e.g. 2.28)
set -euo pipefail
bin="$1"; floor="$2"
# The host's objdump reads the dynamic symbols of arm64 and loong64 ELF files as well.
objdump="objdump"
max="$("$objdump" -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)"
[ -n "$max" ] || { echo "$bin: no GLIBC symbol versions found (objdump -T)" >&2; exit 1; }
echo "$bin: highest glibc symbol GLIBC_$max (floor $floor)"
if [ "$(printf '%s\n%s\n' "$max" "$floor" | sort -V | tail -1)" != "$floor" ]; then
  echo "$bin needs GLIBC_$max, above $floor" >&2
  "$objdump" -T "$bin" | grep "GLIBC_$max" >&2
  exit 1
fi
