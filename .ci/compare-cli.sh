#!/usr/bin/env bash
# Runs the command line of one build on every example and writes what it printed and exported
# into a folder, so that two builds (Linux and Windows under Wine, amd64 and arm64 under qemu)
# can be compared file by file.
#
# Usage: .ci/compare-cli.sh OUT_DIR EXAMPLES_DIR RUNNER...
#   RUNNER is the command that runs nianbao, e.g. `target/dist/nianbao`, `wine C:\\…\\nianbao.exe`
#   or `qemu-aarch64 -L /usr/aarch64-linux-gnu nianbao`. Runs from OUT_DIR with relative paths, so
#   the outputs name the files the same way on every platform. Exported .docx files are unzipped
#   into NAME.docx.d/ (the parts are compared; the zip's deflate bytes may differ).
#   Set NIANBAO_CLI_FORMATS to limit the export formats (default: text html docx) and
#   NIANBAO_CLI_IMPORT=0 to skip importing the text exports.
set -uo pipefail
out="$1"; examples="$2"; shift 2
mkdir -p "$out/in" "$out/导出 结果"
cp "$examples"/*.ron "$out/in/"
cd "$out" || exit 2
formats="${NIANBAO_CLI_FORMATS:-text html docx}"
"$@" --version > version.txt 2>&1; echo "exit $?" >> version.txt
for example in in/*.ron; do
  name="$(basename "$example" .ron)"
  "$@" check "$example" > "$name.check.txt" 2>&1; echo "exit $?" >> "$name.check.txt"
  "$@" check --json "$example" > "$name.check.json" 2> "$name.check.json.err"; echo "exit $?" >> "$name.check.json.err"
  for format in $formats; do
    ext="$format"; [ "$format" = text ] && ext=txt
    # The output goes into a folder whose name has Chinese characters and a space.
    "$@" export "$example" --format "$format" -o "导出 结果/$name.$ext" > "$name.export-$format.log" 2>&1
    echo "exit $?" >> "$name.export-$format.log"
  done
  if [ -f "导出 结果/$name.docx" ]; then
    mkdir -p "导出 结果/$name.docx.d"
    (cd "导出 结果/$name.docx.d" && unzip -q -o "../$name.docx") && rm "导出 结果/$name.docx"
  fi
  if [ "${NIANBAO_CLI_IMPORT:-1}" = 1 ] && [ -f "导出 结果/$name.txt" ]; then
    "$@" import "导出 结果/$name.txt" -o "导出 结果/$name.imported.ron" > "$name.import.log" 2>&1
    echo "exit $?" >> "$name.import.log"
  fi
done
