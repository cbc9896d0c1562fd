#!/usr/bin/env python3
"""Oracle for the engine's flat-column reader: compares our physical values with pyarrow's.

stdin: JSON {"files": {path: {"columns": {dotted_path: {"physical": "INT32", "values": [...]}}}}}
as written by the Swift test (ints as JSON integers, floats as "f:<hex bits>"/"d:<hex bits>", byte
arrays as hex strings, INT96 as [nanos_of_day, julian_day], null as null).
stdout: JSON {"checked": n_values, "mismatches": [ {file, column, row, ours, theirs} ... ]}
"""
import json, struct, sys, decimal
import pyarrow as pa, pyarrow.parquet as pq

JULIAN_EPOCH = 2440588


def signed(v, bits):
    return v - (1 << bits) if v >= (1 << (bits - 1)) else v


def ours_float(s):
    kind, h = s.split(":")
    raw = bytes.fromhex(h)
    return struct.unpack(">f" if kind == "f" else ">d", raw)[0]


def same_float(ours, theirs, width):
    if theirs is None or ours is None:
        return ours is None and theirs is None
    o = ours_float(ours)
    if o != o:
        return theirs != theirs
    return o == theirs and (struct.pack(">d", o) == struct.pack(">d", float(theirs)))


def compare(path, cols, mismatches):
    pf = pq.ParquetFile(path)
    has_int96 = any(pf.schema.column(i).physical_type == "INT96" for i in range(len(pf.schema)))
    table = pq.read_table(path, coerce_int96_timestamp_unit="us" if has_int96 else None)
    checked = 0
    for i in range(len(pf.schema)):
        col = pf.schema.column(i)
        dotted = col.path
        if dotted not in cols:
            mismatches.append({"file": path, "column": dotted, "error": "column missing in our output"})
            continue
        ours = cols[dotted]["values"]
        arr = table.column(dotted.split(".")[0]).combine_chunks() if table.num_rows else pa.array([], table.schema.field(dotted.split(".")[0]).type)
        t = arr.type
        phys = col.physical_type
        if pa.types.is_timestamp(t) or pa.types.is_date(t) or pa.types.is_time(t) or pa.types.is_duration(t):
            theirs = arr.cast(pa.int32() if t.bit_width == 32 else pa.int64()).to_pylist()
        elif pa.types.is_decimal(t):
            theirs = [None if v is None else int(v.scaleb(t.scale)) for v in arr.to_pylist()]
        elif isinstance(t, pa.ExtensionType):
            theirs = arr.storage.to_pylist()
        elif pa.types.is_float16(t):
            theirs = [None if v is None else float(v) for v in arr.to_pylist()]
        else:
            theirs = arr.to_pylist()
        if len(ours) != len(theirs):
            mismatches.append({"file": path, "column": dotted, "error": f"{len(ours)} values, pyarrow has {len(theirs)}"})
            continue
        for row, (o, th) in enumerate(zip(ours, theirs)):
            checked += 1
            ok = True
            if th is None or o is None:
                ok = th is None and o is None
            elif phys == "INT96":
                # Exact microseconds; pyarrow's own conversion wraps when the value leaves int64 nanoseconds
                # / microseconds (Spark's overflowed year-290000 values), so only in-range values are compared.
                day = signed(o[1], 32)
                us = (day - JULIAN_EPOCH) * 86400 * 10**6 + int(o[0] / 1000)
                ok = us == th or not (-(2**63) <= us < 2**63)
            elif phys in ("FLOAT", "DOUBLE"):
                ok = same_float(o, th, 4 if phys == "FLOAT" else 8)
            elif pa.types.is_float16(t):
                import numpy as np
                v = float(np.frombuffer(bytes.fromhex(o), dtype="<f2")[0])
                ok = (v != v and th != th) or v == th
            elif pa.types.is_decimal(t):
                if isinstance(o, str):
                    o = int.from_bytes(bytes.fromhex(o), "big", signed=True)
                ok = o == th
            elif phys == "BOOLEAN":
                ok = o == th
            elif phys in ("INT32", "INT64"):
                bits = 32 if phys == "INT32" else 64
                ok = o == signed(int(th) & ((1 << bits) - 1), bits)
            else:  # byte arrays
                if isinstance(th, str):
                    th = th.encode("utf-8")
                elif hasattr(th, "bytes"):
                    th = th.bytes
                elif not isinstance(th, (bytes, bytearray)):
                    th = bytes(th) if th is not None else None
                ok = bytes.fromhex(o) == th
            if not ok:
                mismatches.append({"file": path, "column": dotted, "row": row, "ours": o, "theirs": repr(th)})
                break
    return checked


def main():
    req = json.load(sys.stdin)
    mismatches, checked = [], 0
    for path, info in req["files"].items():
        try:
            checked += compare(path, info["columns"], mismatches)
        except Exception as e:  # report, do not hide
            mismatches.append({"file": path, "error": f"oracle failed: {type(e).__name__}: {e}"})
    json.dump({"checked": checked, "mismatches": mismatches}, sys.stdout)


main()
