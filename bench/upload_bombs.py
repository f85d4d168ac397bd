"""Peak memory and time of reading hostile uploads: zip bombs (honest and lying headers), a big sheet.

    .venv/bin/python bench/upload_bombs.py [--mb 100] [--rows 100001]

Each case runs in a fresh process and prints its peak resident-memory growth (VmHWM, C allocations
included), the time, and what the user is told. A .docx goes through documents.extract.text_from_upload;
an .xlsx through org.imports.workbook_read (the stage that opens and streams the workbook).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run_case(case: str, mb: int, rows: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from tests import bombs

    if case.startswith("docx"):
        data = bombs.docx_bomb(mb, lying=case.endswith("lying"))
    elif case.startswith("xlsx"):
        data = bombs.xlsx_bomb(mb, lying=case.endswith("lying"))
    else:
        data = bombs.people_sheet(rows)
    outcome = "read"
    started = time.perf_counter()
    with bombs.peak_memory() as peak:
        if case.startswith("docx"):
            from qingzhuang.documents.extract import text_from_upload
            from qingzhuang.lib.errors import DomainError

            try:
                text = text_from_upload(name="bomb.docx", data=data)
                outcome = f"read {len(text):,} characters"
            except DomainError as exc:
                outcome = f"refused: {exc.message}"
        else:
            from qingzhuang.org.imports import ImportReport, workbook_read

            report = ImportReport()
            try:
                sheets = workbook_read(io.BytesIO(data), report)
                outcome = f"read {sum(len(r) for r in sheets.values()):,} rows" if report.ok else f"refused: {report.problems[0].message}"
            except Exception as exc:  # the old code may fail in any way: that is what is measured
                outcome = f"error: {type(exc).__name__}"
    return {"case": case, "file_kb": len(data) // 1024, "peak_mb": round(peak.growth_mb, 1),
            "seconds": round(time.perf_counter() - started, 2), "outcome": outcome[:160]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100, help="how far each bomb inflates (MB)")
    parser.add_argument("--rows", type=int, default=100_001)
    parser.add_argument("--case")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(_run_case(args.case, args.mb, args.rows), ensure_ascii=False))
        return
    cases = ["docx_bomb", "docx_bomb_lying", "xlsx_bomb", "xlsx_bomb_lying", "big_sheet"]
    print(f"bombs inflate to {args.mb} MB; the sheet has {args.rows:,} rows")
    print(f"{'case':18} {'file KB':>8} {'peak MB':>8} {'seconds':>8}  outcome")
    for case in cases:
        done = subprocess.run(
            [sys.executable, __file__, "--case", case, "--mb", str(args.mb), "--rows", str(args.rows)],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )
        if done.returncode != 0:
            print(f"{case:18} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        row = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{row['case']:18} {row['file_kb']:>8} {row['peak_mb']:>8} {row['seconds']:>8}  {row['outcome']}")


if __name__ == "__main__":
    main()
