#!/usr/bin/env bash
# Cold start of the window, as issue 15 measures it: the dist build under Xvfb with Mesa's
# software renderer, a draft open, NIANBAO_STARTUP_TIMING's own report, medians of 7 starts.
#
# Each start is alone: a fresh HOME (no remembered window, no recovery files), and half a second
# after the previous instance has been killed (back to back, the killed instance is still giving
# back its memory and Xvfb its resources while the next one starts; that adds 10-20 ms here and
# is not part of a start). Given two builds, blocks alternate between them and swap the order
# every block, so both meet the machine's slow and fast spells alike.
#
# Not part of .ci/run (it times a real window). Run it by hand:
#   bash scripts/startup-timing.sh [--ime] [--blocks B] [--starts N] [build ...]
#       (default: 3 blocks of 7 starts of target/dist/nianbao; build it with
#        cargo build --profile dist)
#   --ime   with fcitx5 running as the input method (XIM), as on a clerk's desktop; without it
#           Xlib opens its local input method and parses the locale's Compose table first.
# Needs xvfb (and fcitx5, dbus-x11 for --ime): installed with apt-get when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ime=0 blocks=3 starts=7 builds=()
while [ $# -gt 0 ]; do
  case "$1" in
    --ime) ime=1 ;;
    --blocks) blocks="$2"; shift ;;
    --starts) starts="$2"; shift ;;
    *) builds+=("$1") ;;
  esac
  shift
done
[ ${#builds[@]} -gt 0 ] || builds=(target/dist/nianbao)
for b in "${builds[@]}"; do
  [ -x "$b" ] || { echo "no build at $b: cargo build --profile dist" >&2; exit 2; }
done
need="xvfb"; [ $ime = 1 ] && need="$need fcitx5 fcitx5-chinese-addons dbus-x11"
if ! command -v Xvfb >/dev/null || { [ $ime = 1 ] && ! command -v fcitx5 >/dev/null; }; then
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need xauth >/dev/null
fi

work="$(mktemp -d)"
draft="$work/晋江.ron"
cp assets/examples/2021-jinjiang.ron "$draft"
export DISPLAY=:91
Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
fcitx=""
cleanup() {
  kill "$xvfb" ${fcitx:+"$fcitx"} ${DBUS_SESSION_BUS_PID:+"$DBUS_SESSION_BUS_PID"} 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
sleep 1.5
env_ime=()
if [ $ime = 1 ]; then
  export HOME="$work/ime-home" XDG_CONFIG_HOME="$work/ime-home/.config"
  mkdir -p "$XDG_CONFIG_HOME/fcitx5"
  printf '[Groups/0]\nName=Default\nDefault Layout=us\nDefaultIM=pinyin\n\n[Groups/0/Items/0]\nName=keyboard-us\nLayout=\n\n[Groups/0/Items/1]\nName=pinyin\nLayout=\n\n[GroupOrder]\n0=Default\n' \
    > "$XDG_CONFIG_HOME/fcitx5/profile"
  eval "$(dbus-launch --sh-syntax)"
  fcitx5 -d --replace >/dev/null 2>&1 || true
  fcitx=$(pgrep -n fcitx5 || true)
  sleep 3
  env_ime=(LC_ALL=C.UTF-8 XMODIFIERS=@im=fcitx)
fi

# One start: prints the report's lines.
start() {
  local bin="$1" home out pid
  home="$(mktemp -d "$work/home.XXXX")"
  out="$home/report.txt"
  env "${env_ime[@]}" HOME="$home" XDG_DATA_HOME="$home/share" XDG_CONFIG_HOME="$home/config" \
    NIANBAO_DATA_DIR="$home/data" NIANBAO_STARTUP_TIMING=1 "$bin" "$draft" >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 200); do grep -q "next frame begins" "$out" 2>/dev/null && break; sleep 0.05; done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep "start-up:" "$out" || echo "nianbao start-up: (no report: the window did not start)"
  sleep 0.5
}

results="$work/results"
mkdir -p "$results"
for block in $(seq "$blocks"); do
  order=("${builds[@]}")
  if [ $((block % 2)) = 0 ]; then
    order=()
    for ((i = ${#builds[@]} - 1; i >= 0; i--)); do order+=("${builds[$i]}"); done
  fi
  for b in "${order[@]}"; do
    tag=$(printf '%s' "$b" | tr '/' '_')
    for _ in $(seq "$starts"); do start "$b" >>"$results/$tag.$block"; echo "--" >>"$results/$tag.$block"; done
  done
done

python3 - "$results" "$blocks" "${builds[@]}" <<'PY'
import re, statistics as st, sys
results, blocks, builds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
line = re.compile(r"start-up:\s+([\d.]+) ms\s+\((?:\+\s*[\d.]+ ms|meanwhile)\)\s+(.*)")
DRAWN = "first frame drawn (OpenGL finished)"
for b in builds:
    tag = b.replace("/", "_")
    print(f"== {b}")
    drawn_medians = []
    for block in range(1, blocks + 1):
        steps = {}
        for start in open(f"{results}/{tag}.{block}").read().split("--\n"):
            for m in line.finditer(start):
                steps.setdefault(m.group(2), []).append(float(m.group(1)))
        if block == 1:
            for step, at in steps.items():
                print(f"   block 1, median of {len(at)}: {st.median(at):7.1f} ms  {step}")
        if DRAWN in steps:
            drawn_medians.append(st.median(steps[DRAWN]))
    shown = ", ".join(f"{m:.1f}" for m in drawn_medians)
    under = sum(m < 150 for m in drawn_medians)
    print(f"   first frame drawn, median of each block: {shown} ms")
    if drawn_medians:
        print(f"   {under} of {len(drawn_medians)} under 150 ms; median of the medians "
              f"{st.median(drawn_medians):.1f} ms")
PY
