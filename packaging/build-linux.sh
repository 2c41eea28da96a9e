#!/usr/bin/env bash
# Builds the Linux packages, for the 信创 systems as well as Debian and Ubuntu:
#   packaging/build-linux.sh amd64     nianbao_<version>_amd64.deb    x86-64, glibc ≥ 2.28, fat LTO (dist profile)
#   packaging/build-linux.sh arm64     nianbao_<version>_arm64.deb    飞腾/鲲鹏, glibc ≥ 2.28, release profile, stripped
#   packaging/build-linux.sh loong64   nianbao_<version>_loong64.deb  龙芯 new world, glibc ≥ 2.36, release, stripped
#   packaging/build-linux.sh loong64-cli-musl   static command line (no window), for the qemu tests:
#                                               $CARGO_TARGET_DIR/cli/loong64-musl/nianbao, no package
#   packaging/build-linux.sh arm64 --cli        command line only (no window), for the qemu tests in CI:
#                                               $CARGO_TARGET_DIR/cli/<arch>/nianbao, no package
# into $CARGO_TARGET_DIR/packages (default target/packages).
#
# Needs: cargo-zigbuild and zig (`pip install ziglang cargo-zigbuild`), cargo-deb, and the rustup
# targets x86_64-unknown-linux-gnu / aarch64-unknown-linux-gnu. rustup has no prebuilt standard
# library for loongarch64 here, so loong64 builds std from source (`rustup component add rust-src`,
# `-Zbuild-std` with RUSTC_BOOTSTRAP=1 on the stable toolchain). zig links every target against
# the glibc version named in the target (x86_64-unknown-linux-gnu.2.28), which is what sets the floor.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
arch="${1:?amd64, arm64, loong64 or loong64-cli-musl}"
cli_only="${2:-}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"
out="$target_dir/packages"
mkdir -p "$out"
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
features=()
build_std=()
case "$arch" in
  amd64) triple=x86_64-unknown-linux-gnu; libc=.2.28; profile=dist ;;
  arm64) triple=aarch64-unknown-linux-gnu; libc=.2.28; profile=release ;;
  loong64) triple=loongarch64-unknown-linux-gnu; libc=.2.36; profile=release ;;
  loong64-cli-musl) triple=loongarch64-unknown-linux-musl; libc=; profile=release; features=(--no-default-features) ;;
  *) echo "unknown architecture $arch" >&2; exit 2 ;;
esac
if [ "$cli_only" = --cli ]; then features=(--no-default-features); fi
if ! rustup target list --installed | grep -qx "$triple"; then
  # No prebuilt std for this target: build it (needs the rust-src component).
  export RUSTC_BOOTSTRAP=1
  build_std=(-Zbuild-std=std,panic_abort)
fi
# The cross targets use the release profile, stripped; the amd64 dist profile strips already.
CARGO_PROFILE_RELEASE_STRIP=true cargo zigbuild --locked --profile "$profile" --target "$triple$libc" \
  "${features[@]}" "${build_std[@]}"
bin="$target_dir/$triple/$profile/nianbao"
ls -l "$bin"
if [ "$arch" = loong64-cli-musl ]; then cli_only=--cli; arch=loong64-musl; fi
if [ "$cli_only" = --cli ]; then
  mkdir -p "$target_dir/cli/$arch"
  cp "$bin" "$target_dir/cli/$arch/nianbao"
  exit 0
fi
# cargo-deb takes the binary from target/<triple>/<profile>/ (the asset `target/release/nianbao`
# is adjusted for --target and --profile).
cargo deb --locked --no-build --no-strip --target "$triple" --profile "$profile" \
  --output "$out/nianbao_${version}_${arch}.deb"
dpkg-deb --field "$out/nianbao_${version}_${arch}.deb" Package Version Architecture
