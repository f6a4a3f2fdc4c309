#!/usr/bin/env bash
# Build the Linux onedir bundle and prove it works: runs the bundled app's self-test offscreen.
# Usage: packaging/build_linux.sh   (uses .venv/bin/python, or $PYTHON)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m pip install -q "pyinstaller>=6.10"
started=$(date +%s)
"$PY" -m PyInstaller packaging/studyapp.spec --noconfirm --clean --log-level WARN \
    --distpath build/dist --workpath build/work
built=$(date +%s)
echo "build time: $((built - started)) s"
echo "bundle size: $(du -sh build/dist/studyapp | cut -f1)"
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate --no-net packaging/linux/org.studyapp.StudyApp.metainfo.xml
fi
QT_QPA_PLATFORM=offscreen build/dist/studyapp/studyapp --self-test
