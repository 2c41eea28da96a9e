#!/usr/bin/env bash
# Types Chinese through a real input method (fcitx5 pinyin over XIM) into the window under Xvfb:
# pinyin into a narrative field, digits into a table cell with the input method on; saves with
# Ctrl+S and checks that the saved draft holds the committed text and the figure.
#
# Not part of .ci/run (it drives a real window with timed key presses). Run it by hand:
#   bash scripts/ime-check.sh [path/to/nianbao]      (default: target/release/nianbao)
# Needs root for apt-get the first time (fcitx5, fcitx5-chinese-addons, dbus-x11, xvfb, xdotool).
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/nianbao}"
[ -x "$bin" ] || { echo "build it first: cargo build --release" >&2; exit 2; }
if ! command -v fcitx5 >/dev/null || ! command -v xdotool >/dev/null || ! command -v Xvfb >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    fcitx5 fcitx5-chinese-addons dbus-x11 xvfb xauth xdotool >/dev/null
fi

work="$(mktemp -d)"
export HOME="$work/home" NIANBAO_DATA_DIR="$work/data" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$XDG_CONFIG_HOME/fcitx5"
printf '[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n' \
  > "$XDG_CONFIG_HOME/fcitx5/profile"
draft="$work/城关镇.ron"
cp assets/examples/2021-jinjiang-corrected.ron "$draft"

export DISPLAY=:97
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "${app:-}" "${fcitx:-}" "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
sleep 2
eval "$(dbus-launch --sh-syntax)"
fcitx5 -d --replace >/dev/null 2>&1 || true
fcitx=$(pgrep -n fcitx5 || true)
sleep 3

XMODIFIERS=@im=fcitx "$bin" "$draft" >"$work/app.log" 2>&1 &
app=$!
sleep 5
wid=$(xdotool search --onlyvisible --pid "$app" | tail -1)
xdotool windowfocus "$wid"
sleep 0.5

# 五、存在的主要问题及改进情况 → 正文, the caret at the end of the text.
xdotool mousemove 90 235 click 1; sleep 1
xdotool mousemove 600 160 click 1; sleep 0.5
xdotool key ctrl+End; sleep 0.3
xdotool key ctrl+space; sleep 0.5
xdotool type --delay 150 zhengfu; sleep 0.8
xdotool key space; sleep 0.8
xdotool key ctrl+space; sleep 0.5

# 三 → 一、本年新收 · 商业企业 (holds 11), with the input method on: digits typed replace it.
xdotool mousemove 90 158 click 1; sleep 1
xdotool mousemove 698 230 click 1; sleep 0.5
xdotool key ctrl+space; sleep 0.5
xdotool type --delay 150 25; sleep 0.5
xdotool key Return; sleep 0.5
xdotool key ctrl+space; sleep 0.5
xdotool key ctrl+s; sleep 1.5

fail=0
# The draft is plain text: 五 (problems) must end with the committed characters, and the cell
# must hold the digits typed through the input method.
if grep -q 'problems: ".*政府",$' "$draft"; then
  echo "ok: 五 ends with 政府, committed through fcitx5 pinyin"
else
  echo "FAIL: 五 does not end with 政府" >&2; grep -n 'problems:' "$draft" | cut -c1-200 >&2; fail=1
fi
if grep -q '"new": {[^}]*"commercial": "25"' "$draft"; then
  echo "ok: 表三 新收 · 商业企业 is 25, typed with the input method on"
else
  echo "FAIL: the cell does not hold 25" >&2; grep -n '"new": {' "$draft" >&2; fail=1
fi
exit $fail
