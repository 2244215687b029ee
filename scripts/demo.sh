#!/usr/bin/env bash
# The main job on the bundled sample: import it, print the completion assessment.
set -euo pipefail
bin=${1:-.venv/bin}
sample=$("$bin/python" -c 'from planwatch.ingest import SAMPLE_REPORT; print(SAMPLE_REPORT)')
"$bin/planwatch" ingest "$sample"
"$bin/planwatch" assess 苏州市2024
# The bundled example year of monthly figures (示例数据, not statistics) for the bulletin.
"$bin/planwatch" figures "$(dirname "$sample")/demo-2025-monthly.csv" --plan 苏州市2025 >/dev/null
echo
echo "更多：$bin/planwatch show 苏州市2025 | $bin/planwatch diff 苏州市2025 | $bin/planwatch lint 苏州市2025"
echo "年内监测（示例数据）：$bin/planwatch bulletin 苏州市2025 --period 2025-09"
echo "网页：$bin/planwatch serve  然后打开 http://127.0.0.1:8000/"
