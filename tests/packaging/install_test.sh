#!/usr/bin/env bash
# cmake --install puts the binaries, the desktop entry, the icon and the AppStream metadata in
# place, and the desktop files pass their validators.
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/inception-workbench bin/inception-cli bin/inception-report \
            share/applications/io.github.inception_workbench.desktop \
            share/metainfo/io.github.inception_workbench.metainfo.xml \
            share/icons/hicolor/256x256/apps/inception-workbench.png; do
    [ -f "$prefix/$file" ] || { echo "missing after install: $file" >&2; exit 1; }
done
desktop-file-validate "$prefix/share/applications/io.github.inception_workbench.desktop"
appstreamcli validate --no-net --pedantic "$prefix/share/metainfo/io.github.inception_workbench.metainfo.xml"
"$prefix/bin/inception-cli" --version
QT_QPA_PLATFORM=offscreen "$prefix/bin/inception-workbench" --version
# The installed CLI finds its report renderer beside it.
"$prefix/bin/inception-cli" train --data synthetic:4 --model tiny --epochs 1 --threads 1 \
    --out "$prefix/runs" --name installed >/dev/null
"$prefix/bin/inception-cli" report "$prefix"/runs/*-installed --format html --out "$prefix/report.html" >/dev/null
grep -q '<h2 id="mistakes"' "$prefix/report.html" || { echo "the installed report lacks its sections" >&2; exit 1; }
