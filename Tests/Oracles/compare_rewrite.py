#!/usr/bin/env python3
"""Oracle for `parquet rewrite`: pyarrow reads each original and its rewritten copy and the tables
must be equal (values, types, nulls; NaN equal to NaN).

stdin: JSON {"pairs": [[original, rewritten], ...]}
stdout: JSON {"compared": n, "originalUnreadable": [paths], "mismatches": [{original, error}]}
"""
import json
import math
import sys

import pyarrow.parquet as pq


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def read(path):
    pf = pq.ParquetFile(path)
    has_int96 = any(pf.schema.column(i).physical_type == "INT96" for i in range(len(pf.schema)))
    return pq.read_table(path, coerce_int96_timestamp_unit="us" if has_int96 else None)


def main():
    req = json.load(sys.stdin)
    out = {"compared": 0, "originalUnreadable": [], "mismatches": []}
    for original, rewritten in req["pairs"]:
        try:
            a = read(original)
        except Exception:
            out["originalUnreadable"].append(original)
            continue
        try:
            b = read(rewritten)
            if a.schema != b.schema:
                out["mismatches"].append({"original": original, "error": f"schema {a.schema} became {b.schema}"})
                continue
            if not a.equals(b):
                for name in a.column_names:
                    x, y = a.column(name).to_pylist(), b.column(name).to_pylist()
                    if not same(x, y):
                        row = next((i for i, (p, q) in enumerate(zip(x, y)) if not same(p, q)), None)
                        out["mismatches"].append({"original": original, "column": name, "row": row,
                                                  "error": f"{x[row] if row is not None else len(x)!r} became {y[row] if row is not None else len(y)!r}"})
                        break
            out["compared"] += 1
        except Exception as e:  # report, do not hide
            out["mismatches"].append({"original": original, "error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


main()
