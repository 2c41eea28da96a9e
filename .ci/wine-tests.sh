#!/usr/bin/env bash
# The Windows build under Wine, in one fresh prefix:
#   1. the previous setup (same program, labelled older) and then this setup install silently
#      (/S); files, Start-menu and desktop shortcuts, the .ron association and the 应用和功能 entry
#      are checked, and the upgrade keeps settings and recent files;
#   2. the installed nianbao.exe runs check, export (text, html, docx) and import of every
#      example, batched in that prefix, and its output is compared with the Linux build's;
#   3. a draft opened through its association (the registered open command, as a double click
#      runs it) opens the window under Xvfb, whose title names the body;
#   4. without OpenGL (an X server without GLX) the program shows its Chinese message box;
#   5. the uninstaller (/S) removes what the setup put there and leaves the clerk's drafts.
# Usage: .ci/wine-tests.sh LINUX_NIANBAO SETUP_EXE OLD_SETUP_EXE SHIM_DLL [SCREENSHOT_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
linux="$(realpath "$1")"; setup="$(realpath "$2")"; old_setup="$(realpath "$3")"; shim="$(realpath "$4")"
shots="${5:-}"
work="$(mktemp -d)"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEARCH=win64 LANG=C.UTF-8
# No Mono or Gecko download prompts: the program needs neither.
export WINEDLLOVERRIDES="mscoree=;mshtml=;winemenubuilder.exe="
fail() { echo "wine-tests: $*" >&2; exit 1; }
t0=$(date +%s)
lap() { echo "   ($(( $(date +%s) - t0 )) s) $*"; }

xvfb_pid=""; xvfb2_pid=""
cleanup() {
  wineserver -k 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "$xvfb2_pid" ] && kill "$xvfb2_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wineboot --init >/dev/null 2>&1
# One wineserver serves all the runs below (it stays up between back-to-back runs).
# Test-only: Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Rust's std imports and
# Windows 10+ has. The shim goes into the prefix's system32, never into the install folder.
cp "$shim" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ -n "$shots" ] && fc-list 2>/dev/null | grep -q 'WenQuanYi Micro Hei'; then
  # For readable screenshots of Wine's own dialogs only (the program's window embeds its font).
  grep -v '^;' "$repo/packaging/wine/cjk-fonts.reg" | sed 's/$/\r/' | iconv -f UTF-8 -t UTF-16 > "$work/fonts.reg"
  wine regedit 'Z:'"${work//\//\\}"'\fonts.reg' >/dev/null 2>&1
  # Message boxes use Tahoma, which Wine has: link it to the Chinese font instead.
  for font in Tahoma "MS Shell Dlg" "Microsoft Sans Serif"; do
    wine reg add 'HKLM\Software\Microsoft\Windows NT\CurrentVersion\FontLink\SystemLink' /v "$font" \
      /t REG_MULTI_SZ /d 'wqy-microhei.ttc,WenQuanYi Micro Hei' /f >/dev/null 2>&1
  done
fi
lap "fresh prefix"

user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
appdata="$user_dir/AppData/Roaming"
local_appdata="$user_dir/AppData/Local"
inst="$local_appdata/Programs/nianbao"
win_inst='C:\users\'"$(id -un)"'\AppData\Local\Programs\nianbao'
start_menu="$appdata/Microsoft/Windows/Start Menu/Programs"

# `reg query` prints Chinese as "?" through Wine's console code page; `reg export` writes UTF-16.
reg_dump() { rm -f "$work/key.reg"; wine reg export "$1" 'Z:'"${work//\//\\}"'\key.reg' /y >/dev/null 2>&1 || return 1
             iconv -f UTF-16 -t UTF-8 "$work/key.reg" | tr -d '\r'; }
reg_value() { reg_dump "$1" | sed -n "s/^\"$2\"=\"\\(.*\\)\"\$/\\1/p" | head -1 | sed 's/\\\\/\\/g; s/\\"/"/g'; }
reg_default() { reg_dump "$1" | sed -n 's/^@="\(.*\)"$/\1/p' | head -1 | sed 's/\\\\/\\/g; s/\\"/"/g'; }

# 1. Install the older setup, leave settings and a draft, then install this one over it.
wine "$old_setup" /S
[ -f "$inst/nianbao.exe" ] || fail "the older setup installed nothing in $inst"
old_version=$(reg_value 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao' DisplayVersion)
mkdir -p "$appdata/nianbao/data" "$user_dir/Documents"
printf '(\n    "nianbao-settings": "recent: C:\\\\users\\\\me\\\\年报 2025.ron",\n)\n' > "$appdata/nianbao/data/app.ron"
settings_before=$(sha256sum < "$appdata/nianbao/data/app.ron")
cp "$repo/assets/examples/2019-yonghe.ron" "$user_dir/Documents/年报 2025.ron"
wine "$setup" /S
lap "older setup, then this setup installed silently (/S)"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml" | head -1)
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao'
[ "$(reg_value "$uninst_key" DisplayVersion)" = "$version" ] || fail "应用和功能 shows version $(reg_value "$uninst_key" DisplayVersion), not $version (was $old_version)"
[ "$(reg_value "$uninst_key" DisplayName)" = "政府信息公开年报编制" ] || fail "wrong DisplayName: $(reg_value "$uninst_key" DisplayName)"
reg_value "$uninst_key" UninstallString | grep -q 'uninstall.exe' || fail "no UninstallString"
[ "$(sha256sum < "$appdata/nianbao/data/app.ron")" = "$settings_before" ] || fail "the upgrade changed the settings"
for f in nianbao.exe uninstall.exe 说明.txt OFL-NotoSansSC.txt guide/index.html \
         examples/2021-jinjiang.ron examples/2021-jinjiang-corrected.ron examples/2019-yonghe.ron; do
  [ -f "$inst/$f" ] || fail "not installed: $f"
done
for f in "$repo"/docs/guide/*; do cmp -s "$f" "$inst/guide/$(basename "$f")" || fail "guide file differs: $f"; done
[ -f "$start_menu/政府信息公开年报编制.lnk" ] || fail "no Start-menu entry"
desktop="$(find "$user_dir" -maxdepth 2 -iname Desktop | head -1)"
[ -f "$desktop/政府信息公开年报编制.lnk" ] || fail "no desktop shortcut"
[ "$(reg_default 'HKCU\Software\Classes\.ron')" = "nianbao.draft" ] || fail ".ron is not associated"
reg_default 'HKCU\Software\Classes\nianbao.draft\shell\open\command' | grep -qF "$win_inst\\nianbao.exe\" \"%1\"" \
  || fail "wrong open command: $(reg_default 'HKCU\Software\Classes\nianbao.draft\shell\open\command')"
reg_default 'HKCU\Software\Classes\nianbao.draft\DefaultIcon' | grep -qF 'nianbao.exe",0' || fail "no draft icon"
echo "   installed: $(cd "$inst" && find . -type f | sort | tr '\n' ' ')"
echo "   应用和功能: $(reg_value "$uninst_key" DisplayName) $(reg_value "$uninst_key" DisplayVersion) (upgraded from $old_version; settings kept)"

# 2. The command line, installed program against the Linux build.
"$repo/.ci/compare-cli.sh" "$work/linux" "$repo/assets/examples" "$linux"
"$repo/.ci/compare-cli.sh" "$work/windows" "$repo/assets/examples" wine "$inst/nianbao.exe"
lap "command line: $(ls "$work/windows/in" | wc -l) examples × check, check --json, export text/html/docx, import"
# Drafts written on Windows end their lines with CRLF (ron's PrettyConfig default there); the
# Linux build must read them as they are, and apart from the line ends they must be identical.
crlf=0
for f in "$work/windows/导出 结果/"*.imported.ron; do
  if grep -q $'\r$' "$f"; then crlf=$((crlf + 1)); fi
  (cd "$(dirname "$f")" && "$linux" check "$(basename "$f")" >/dev/null 2>&1) || [ $? = 1 ] \
    || fail "the Linux build cannot read the draft the Windows build wrote: $f"
  sed -i 's/\r$//' "$f"
done
echo "   drafts written by the Windows build: $crlf of $(ls "$work/windows/导出 结果/"*.imported.ron | wc -l) with CRLF line ends, all read by the Linux build"
if ! diff -r "$work/linux" "$work/windows" > "$work/cli.diff"; then
  head -60 "$work/cli.diff" >&2
  fail "the Windows build's output differs from the Linux build's"
fi
echo "   identical to the Linux build: $(cd "$work/windows" && find . -type f | wc -l) files (docx compared part by part)"

# 3. The window, opened as a double click on a draft does.
display=:91
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 & xvfb_pid=$!
sleep 2
# Explorer runs the command registered for .ron's ProgID with the file for %1. Wine 8 does not
# merge HKCU\Software\Classes into HKEY_CLASSES_ROOT (so `wine start x.ron` finds nothing), so the
# registered command is read and run here the way Explorer would.
progid=$(reg_default 'HKCU\Software\Classes\.ron')
open_cmd=$(reg_default "HKCU\\Software\\Classes\\$progid\\shell\\open\\command")
open_exe=$(printf '%s' "$open_cmd" | sed -n 's/^"\([^"]*\)" "%1"$/\1/p')
[ -n "$open_exe" ] || fail "cannot read the open command: $open_cmd"
DISPLAY="$display" wine "$open_exe" "$win_inst\\examples\\2021-jinjiang.ron" > "$work/window.out" 2>&1 & window_pid=$!
wid=""
for _ in $(seq 1 90); do
  wid=$(DISPLAY="$display" xdotool search --name '晋江市人民政府' 2>/dev/null | head -1) && [ -n "$wid" ] && break
  sleep 1
done
[ -n "$wid" ] || { DISPLAY="$display" xwininfo -root -tree >&2 || true; fail "no window whose title names 晋江市人民政府"; }
title=$(DISPLAY="$display" xdotool getwindowname "$wid")
lap "window open: “$title”"
if [ -n "$shots" ] && command -v import >/dev/null; then
  sleep 4
  mkdir -p "$shots"
  DISPLAY="$display" import -window root "$shots/windows-wine.png" && echo "   screenshot: $shots/windows-wine.png"
fi
# Ended from outside (the program would go on running); the uninstaller needs the .exe free.
kill "$window_pid" 2>/dev/null || true
wait "$window_pid" 2>/dev/null || true

# 4. No OpenGL: an X server without GLX gives Wine no OpenGL, as on a machine without a driver.
display2=:92
Xvfb "$display2" -screen 0 1024x768x24 -nolisten tcp -extension GLX >/dev/null 2>&1 & xvfb2_pid=$!
sleep 2
DISPLAY="$display2" wine "$inst/nianbao.exe" > "$work/nogl.out" 2>&1 & nogl_pid=$!
box=""
for _ in $(seq 1 60); do
  box=$(DISPLAY="$display2" xdotool search --name '^政府信息公开年报编制$' 2>/dev/null | head -1) && [ -n "$box" ] && break
  sleep 1
done
[ -n "$box" ] || { cat "$work/nogl.out" >&2; fail "no message box without OpenGL"; }
if [ -n "$shots" ] && command -v import >/dev/null; then
  sleep 1; DISPLAY="$display2" import -window root "$shots/windows-no-opengl.png" || true
fi
DISPLAY="$display2" xdotool windowactivate --sync "$box" key Return 2>/dev/null || DISPLAY="$display2" xdotool key Return
rc=0; wait "$nogl_pid" || rc=$?
[ "$rc" = 2 ] || fail "without OpenGL the program exited with $rc, not 2"
grep -q '无法打开窗口' "$work/nogl.out" || fail "no error on stderr without OpenGL"
lap "without OpenGL: message box shown, exit code 2"

# 5. Uninstall: what the setup put there goes, the clerk's drafts stay.
cp "$repo/assets/examples/2021-jinjiang.ron" "$inst/我的草稿.ron"
cp "$repo/assets/examples/2021-jinjiang.ron" "$inst/examples/另存的草稿.ron"
wine "$inst/uninstall.exe" /S
for _ in $(seq 1 60); do [ ! -e "$inst/uninstall.exe" ] && break; sleep 1; done
for f in nianbao.exe uninstall.exe 说明.txt guide/index.html examples/2021-jinjiang.ron; do
  [ ! -e "$inst/$f" ] || fail "left behind by the uninstaller: $f"
done
[ ! -e "$inst/guide" ] || fail "guide folder left behind"
[ ! -e "$start_menu/政府信息公开年报编制.lnk" ] || fail "Start-menu entry left behind"
[ ! -e "$desktop/政府信息公开年报编制.lnk" ] || fail "desktop shortcut left behind"
if wine reg query "$uninst_key" >/dev/null 2>&1; then fail "应用和功能 entry left behind"; fi
if wine reg query 'HKCU\Software\Classes\nianbao.draft' >/dev/null 2>&1; then fail "association left behind"; fi
[ -f "$inst/我的草稿.ron" ] && [ -f "$inst/examples/另存的草稿.ron" ] && [ -f "$user_dir/Documents/年报 2025.ron" ] \
  || fail "the uninstaller removed a draft of the clerk's"
[ -f "$appdata/nianbao/data/app.ron" ] || fail "the uninstaller removed the settings"
lap "uninstalled silently; drafts and settings kept"
