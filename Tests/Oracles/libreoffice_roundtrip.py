#!/usr/bin/env python3
"""LibreOffice as an XLSX oracle: opens each workbook headless, saves it again as XLSX, and compares
what openpyxl reads from our file with what it reads from LibreOffice's (cached values, since
LibreOffice writes booleans as =TRUE() / =FALSE() formula cells). Two things LibreOffice's own writer
does are allowed for: it saves numbers with 15 significant digits (Excel's precision; rounding the
decimal digits, so within 1e-14 relative), date-times rounded to the millisecond (within 1 ms of
openpyxl's own rounding), and an empty text cell as no cell.

usage: libreoffice_roundtrip.py OUT_DIR WORKBOOK...
stdout: JSON {"cells": n_compared, "sheets": {workbook: [sheet names]}, "mismatches": [...]}.
"""
import datetime, json, math, os, subprocess, sys, uuid
import openpyxl

out_dir, workbooks = sys.argv[1], sys.argv[2:]
profile = os.path.join(out_dir, "lo-profile-" + uuid.uuid4().hex)
converted = os.path.join(out_dir, "libreoffice")
subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                "--convert-to", "xlsx", "--outdir", converted] + workbooks,
               check=True, capture_output=True, timeout=600)


def same(a, b):
    if a == "" and b is None:
        return True
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or abs(a - b) <= 1e-14 * max(abs(a), abs(b))
    if isinstance(a, datetime.datetime) and isinstance(b, datetime.datetime):
        return abs(a - b) <= datetime.timedelta(milliseconds=1)
    return type(a) is type(b) and a == b


cells, sheets, mismatches = 0, {}, []
for path in workbooks:
    ours = openpyxl.load_workbook(path)
    theirs_path = os.path.join(converted, os.path.basename(path))
    if not os.path.exists(theirs_path):
        mismatches.append([path, "LibreOffice wrote nothing"])
        continue
    theirs = openpyxl.load_workbook(theirs_path, data_only=True)
    sheets[path] = ours.sheetnames
    if ours.sheetnames != theirs.sheetnames:
        mismatches.append([path, "sheets", ours.sheetnames, theirs.sheetnames])
        continue
    for name in ours.sheetnames:
        a = list(ours[name].iter_rows(values_only=True))
        b = list(theirs[name].iter_rows(values_only=True))
        if len(a) != len(b):
            mismatches.append([path, name, "rows", len(a), len(b)])
        for r, (ra, rb) in enumerate(zip(a, b)):
            width = max(len(ra), len(rb))
            ra, rb = ra + (None,) * (width - len(ra)), rb + (None,) * (width - len(rb))
            for c, (x, y) in enumerate(zip(ra, rb)):
                cells += 1
                if not same(x, y) and len(mismatches) < 50:
                    mismatches.append([os.path.basename(path), name, r + 1, c + 1, repr(x), repr(y)])
print(json.dumps({"cells": cells, "sheets": sheets, "mismatches": mismatches}))
