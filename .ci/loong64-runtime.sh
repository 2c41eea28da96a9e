#!/usr/bin/env bash
# Sets up what running loong64 programs under qemu-user needs on Debian 12, and prints two lines:
#   QEMU=<path of a qemu-loongarch64 that emulates LSX>
#   SYSROOT=<a folder with loong64 glibc and libgcc_s, for qemu's -L>
# Debian 12's qemu-user is 7.2, which lacks the LSX vector extension that Rust's loongarch64
# targets use (every 龙芯 3A5000/3A6000 has it; qemu emulates it from 8.1): qemu-user 10 from
# bookworm-backports is a static build, so its qemu-loongarch64 runs here as it is. Debian 12 has
# no loong64 C library either; Debian's unstable archive has (loong64 is an official architecture
# there): its libc6 and libgcc-s1 are unpacked into the sysroot. Nothing is installed into the
# system; everything stays in the cache folder (default ${TMPDIR:-/tmp}/nianbao-loong64).
# Exits non-zero (and says why) when the downloads are not reachable.
set -euo pipefail
cache="${1:-${TMPDIR:-/tmp}/nianbao-loong64}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
mkdir -p "$cache"

# The pool file of `package` in a Packages.xz index. awk reads to the end: leaving early would
# end xz with SIGPIPE, which pipefail and set -e turn into a silent exit.
pool_file() {
  xz -dc "$1" | awk -v p="Package: $2" '$0 == p { hit = 1 } hit && !done && /^Filename: / { print $2; done = 1 }'
}

fetch() { curl -sSfL --retry 2 -m 600 -o "$2" "$1"; }

qemu="$cache/qemu/usr/bin/qemu-loongarch64"
if [ ! -x "$qemu" ]; then
  fetch "$mirror/dists/bookworm-backports/main/binary-amd64/Packages.xz" "$cache/bpo.xz"
  deb="$(pool_file "$cache/bpo.xz" qemu-user)"
  [ -n "$deb" ] || { echo "qemu-user is not in bookworm-backports" >&2; exit 1; }
  fetch "$mirror/$deb" "$cache/qemu-user.deb"
  mkdir -p "$cache/qemu"
  dpkg-deb --fsys-tarfile "$cache/qemu-user.deb" | tar -x -C "$cache/qemu" ./usr/bin/qemu-loongarch64
  rm -f "$cache/qemu-user.deb"
fi
major="$("$qemu" --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -1)"
[ "${major:-0}" -ge 9 ] || { echo "$qemu is version $major, LSX needs 8.1 or later" >&2; exit 1; }

sysroot="$cache/sysroot"
if [ ! -e "$sysroot/.complete" ]; then
  fetch "$mirror/dists/sid/main/binary-loong64/Packages.xz" "$cache/sid-loong64.xz"
  mkdir -p "$sysroot"
  for package in libc6 libgcc-s1; do
    deb="$(pool_file "$cache/sid-loong64.xz" "$package")"
    [ -n "$deb" ] || { echo "$package (loong64) is not in Debian unstable" >&2; exit 1; }
    fetch "$mirror/$deb" "$cache/$package.deb"
    dpkg-deb -x "$cache/$package.deb" "$sysroot"
    rm -f "$cache/$package.deb"
  done
  # The merged-/usr links a Debian system has from base-files: the loader is asked for as
  # /lib64/ld-linux-loongarch-lp64d.so.1, the libraries are found under /lib.
  ln -sfn usr/lib64 "$sysroot/lib64"
  ln -sfn usr/lib "$sysroot/lib"
  touch "$sysroot/.complete"
fi
echo "QEMU=$qemu"
echo "SYSROOT=$sysroot"
