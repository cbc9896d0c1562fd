#!/usr/bin/env python3
"""Oracle for the writer: reads files written by swift-parquet with pyarrow, DuckDB, polars and
fastparquet (one process for many files) and compares every value with what the Swift test wrote.

stdin: JSON {"files": [{"path": str, "readers": [names], "columns": [column spec + "values"]}]}
A column spec is {"name", "kind", ...}: kind is one of int, bool, float, double, string, binary, fixed,
uuid, float16, decimal (+ "scale"), date, time (+ "unit"), timestamp (+ "unit"), int96, list (+
"element" spec), struct (+ "fields": [spec]), map (+ "key", "value" specs).
Expected values: ints as JSON integers (decimals may be "x:<big-endian two's complement hex>"), floats
as "f:<hex bits>" / "d:<hex bits>", half floats as "h:<little-endian hex>", byte strings as hex, text as
JSON strings, INT96 as [nanos_of_day, julian_day], lists as arrays, structs as objects, maps as
arrays of [key, value], null as null.
stdout: JSON {"checked": n, "mismatches": [{file, reader, column, row, expected, got} | {file, reader, error}]}
"""
import datetime
import decimal
import json
import math
import struct
import sys
import uuid

import numpy as np

UNIT = {"ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}
EPOCH_DATE = datetime.date(1970, 1, 1)
JULIAN_EPOCH = 2440588
TEMPORAL = ("date", "time", "timestamp", "int96")


def expected_value(spec, v):
    """The canonical Python value of an expected JSON value."""
    if v is None:
        return None
    k = spec["kind"]
    if k in ("float", "double"):
        kind, h = v.split(":")
        return struct.unpack(">f" if kind == "f" else ">d", bytes.fromhex(h))[0]
    if k == "float16":
        return float(np.frombuffer(bytes.fromhex(v[2:]), dtype="<f2")[0])
    if k == "decimal" and isinstance(v, str):
        return int.from_bytes(bytes.fromhex(v[2:]), "big", signed=True)
    if k == "int96":
        day = v[1] - (1 << 32) if v[1] >= (1 << 31) else v[1]
        return (day - JULIAN_EPOCH) * 86400 * 10**9 + v[0]
    if k == "list":
        return [expected_value(spec["element"], x) for x in v]
    if k == "struct":
        return {f["name"]: expected_value(f, v.get(f["name"])) for f in spec["fields"]}
    if k == "map":
        return [[expected_value(spec["key"], p[0]), expected_value(spec["value"], p[1])] for p in v]
    return v


def is_null(v):
    if v is None:
        return True
    try:
        import pandas as pd
        return v is pd.NA or v is pd.NaT
    except ImportError:
        return False


def got_value(spec, v):
    """A reader's Python value in the canonical form of `spec`."""
    if is_null(v):
        return None
    k = spec["kind"]
    if k in ("int", "uint"):
        return int(v)
    if k == "bool":
        return bool(v)
    if k in ("float", "double"):
        return float(v)
    if k == "float16":
        if isinstance(v, (bytes, bytearray)):  # fastparquet: raw bytes, trailing zeros stripped
            return float(np.frombuffer(bytes(v).ljust(2, b"\0"), dtype="<f2")[0])
        return float(v)
    if k == "string":
        if isinstance(v, float) and math.isnan(v):  # pandas object columns may hold NaN for null
            return None
        return v.decode("utf-8") if isinstance(v, (bytes, bytearray)) else str(v)
    if k in ("binary", "fixed", "uuid"):
        if isinstance(v, uuid.UUID):
            return v.bytes.hex()
        if isinstance(v, str):
            return v.encode("utf-8").hex()
        if k != "binary" and "width" in spec:  # numpy fixed-width bytes (fastparquet) drop trailing zeros
            return bytes(v).ljust(spec["width"], b"\0").hex()
        return bytes(v).hex()
    if k == "decimal":
        if isinstance(v, decimal.Decimal):
            return int(v.scaleb(spec["scale"]))
        if isinstance(v, float):  # fastparquet converts decimals to float64 (null: NaN)
            return None if math.isnan(v) else ("approx", v)
        return int(v)
    if k == "date":
        if isinstance(v, datetime.datetime):
            return (v.date() - EPOCH_DATE).days
        if isinstance(v, datetime.date):
            return (v - EPOCH_DATE).days
        return int(v)
    if k == "time":
        if hasattr(v, "value") and not isinstance(v, int):  # pandas Timedelta: nanoseconds
            return int(v.value) * UNIT[spec["unit"]] // 10**9
        if isinstance(v, datetime.time):
            micros = ((v.hour * 60 + v.minute) * 60 + v.second) * 1_000_000 + v.microsecond
            return micros * UNIT[spec["unit"]] // 1_000_000
        return int(v)
    if k in ("timestamp", "int96"):
        if hasattr(v, "value") and not isinstance(v, int):  # pandas Timestamp: nanoseconds
            ns = int(v.value)
            return ns if k == "int96" else ns * UNIT[spec["unit"]] // 10**9
        if isinstance(v, datetime.datetime):
            epoch = datetime.datetime(1970, 1, 1, tzinfo=v.tzinfo)
            micros = (v - epoch) // datetime.timedelta(microseconds=1)
            return micros * (1000 if k == "int96" else UNIT[spec["unit"]] // 1_000_000)
        return int(v)
    if k == "list":
        return [got_value(spec["element"], x) for x in list(v)]
    if k == "struct":
        return {f["name"]: got_value(f, v.get(f["name"])) for f in spec["fields"]}
    if k == "map":
        if isinstance(v, dict):
            if set(v.keys()) == {"key", "value"} and isinstance(v["key"], list):
                pairs = list(zip(v["key"], v["value"]))
            else:
                pairs = list(v.items())
        else:
            pairs = [(p["key"], p["value"]) if isinstance(p, dict) else (p[0], p[1]) for p in v]
        return [[got_value(spec["key"], a), got_value(spec["value"], b)] for a, b in pairs]
    return v


def same(spec, e, g, reader):
    k = spec["kind"]
    if k == "int96" and reader == "duckdb" and e is not None:
        e = e // 1000 * 1000
    if k in ("float", "double", "float16"):
        if e is None or g is None:
            # fastparquet gives NaN for null floats (pandas float columns have no null).
            return (e is None and g is None) or (reader == "fastparquet" and e is None and isinstance(g, float) and math.isnan(g))
        if math.isnan(e) or math.isnan(g):
            return math.isnan(e) and math.isnan(g)
        return e == g and math.copysign(1, e) == math.copysign(1, g)
    if e is None or g is None:
        return e is None and g is None
    if isinstance(g, tuple) and g and g[0] == "approx":
        return math.isclose(g[1], e / 10 ** spec["scale"], rel_tol=1e-12, abs_tol=1e-12)
    if k == "list":
        return len(e) == len(g) and all(same(spec["element"], a, b, reader) for a, b in zip(e, g))
    if k == "struct":
        return all(same(f, e[f["name"]], g[f["name"]], reader) for f in spec["fields"])
    if k == "map":
        return len(e) == len(g) and all(same(spec["key"], a[0], b[0], reader) and same(spec["value"], a[1], b[1], reader)
                                        for a, b in zip(e, g))
    return e == g


# --- readers: each returns {column name: list of raw Python values} ---------------------------------

def read_pyarrow(path, specs):
    import pyarrow as pa
    import pyarrow.parquet as pq
    table = pq.read_table(path, coerce_int96_timestamp_unit="ns")
    out = {}
    for s in specs:
        arr = table.column(s["name"]).combine_chunks()
        if isinstance(arr, pa.ExtensionArray):
            arr = arr.storage
        if s["kind"] in TEMPORAL:
            arr = arr.cast(pa.int32() if arr.type.bit_width == 32 else pa.int64())
        out[s["name"]] = arr.to_pylist()
    return out


def read_duckdb(path, specs):
    import duckdb
    exprs = []
    for s in specs:
        q = '"' + s["name"].replace('"', '""') + '"'
        if s["kind"] == "timestamp":
            exprs.append(f"epoch_{s['unit']}({q})")
        elif s["kind"] == "int96":
            exprs.append(f"epoch_us({q}) * 1000")  # DuckDB keeps INT96 timestamps in microseconds
        else:
            exprs.append(q)
    con = duckdb.connect()
    rows = con.execute(f"select {', '.join(exprs)} from read_parquet('{path}')").fetchall()
    return {s["name"]: [r[i] for r in rows] for i, s in enumerate(specs)}


def read_polars(path, specs):
    import polars as pl
    df = pl.read_parquet(path)
    out = {}
    for s in specs:
        col = df[s["name"]]
        if s["kind"] in TEMPORAL:
            vals = col.cast(pl.Int64).to_list()
            if s["kind"] == "time":  # polars times are nanoseconds of the day
                vals = [None if v is None else v * UNIT[s["unit"]] // 10**9 for v in vals]
            out[s["name"]] = vals
        else:
            out[s["name"]] = col.to_list()
    return out


def read_fastparquet(path, specs):
    import fastparquet
    df = fastparquet.ParquetFile(path).to_pandas()
    out = {}
    for s in specs:
        col = df[s["name"]]
        if s["kind"] in ("date", "timestamp", "int96") and str(col.dtype).startswith("datetime64"):
            # pandas may keep ms/us/ns resolution: convert from the column's own unit.
            per_second = UNIT[np.datetime_data(col.dtype.base if hasattr(col.dtype, "base") else col.dtype)[0]]
            raw = col.astype("int64").tolist()
            mask = col.isna().tolist()
            if s["kind"] == "date":
                vals = [v // (86400 * per_second) for v in raw]
            else:
                target = UNIT[s["unit"]] if s["kind"] == "timestamp" else 10**9
                vals = [v * target // per_second for v in raw]
            out[s["name"]] = [None if m else v for v, m in zip(vals, mask)]
        else:
            out[s["name"]] = [None if is_null(v) else v for v in col.tolist()]
    return out


READERS = {"pyarrow": read_pyarrow, "duckdb": read_duckdb, "polars": read_polars, "fastparquet": read_fastparquet}


def main():
    req = json.load(sys.stdin)
    mismatches, checked = [], 0
    for f in req["files"]:
        all_specs = f["columns"]
        expected = {s["name"]: [expected_value(s, v) for v in s["values"]] for s in all_specs}
        for reader in f["readers"]:
            # A column may exclude readers that do not implement its type/encoding combination.
            specs = [s for s in all_specs if reader not in s.get("skipReaders", [])]
            try:
                got = READERS[reader](f["path"], specs)
            except Exception as e:  # report, do not hide
                mismatches.append({"file": f["path"], "reader": reader, "error": f"{type(e).__name__}: {e}"})
                continue
            for s in specs:
                exp, raw = expected[s["name"]], got[s["name"]]
                if len(exp) != len(raw):
                    mismatches.append({"file": f["path"], "reader": reader, "column": s["name"],
                                       "error": f"{len(raw)} values, expected {len(exp)}"})
                    continue
                for row, (e, r) in enumerate(zip(exp, raw)):
                    checked += 1
                    try:
                        if s.get("json") and reader == "fastparquet":  # fastparquet parses JSON columns
                            g = r
                            ok = (e is None and is_null(r)) or (e is not None and json.loads(e) == r)
                        else:
                            g = got_value(s, r)
                            ok = same(s, e, g, reader)
                    except Exception as ex:
                        ok, g = False, f"{type(ex).__name__}: {ex} ({r!r})"
                    if not ok:
                        mismatches.append({"file": f["path"], "reader": reader, "column": s["name"], "row": row,
                                           "expected": repr(e), "got": repr(g)})
                        break
    json.dump({"checked": checked, "mismatches": mismatches}, sys.stdout)


main()
