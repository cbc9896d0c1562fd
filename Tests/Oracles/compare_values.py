#!/usr/bin/env python3
"""Oracle for row assembly and logical types: compares our rows with pyarrow's, file by file.

stdin: JSON {"files": {path: [row, ...]}} where each row is {field: value} in the tagged form the Swift
test writes: null, true/false, integers, ["f", hexbits32] / ["d", hexbits64] / ["h", hexbits16],
["dec", hex_unscaled_be, scale], ["s", hex] (string), ["b", hex] (bytes), ["ts", value] (timestamp or
time or date in the file's unit), ["i96", julian_day, nanos_of_day], ["iv", months, days, ms],
lists, {"map": [[k, v], ...]}, {"struct": {name: value}}.
stdout: JSON {"checked": n_rows, "mismatches": [...]}.
"""
import json, struct, sys, decimal
import pyarrow as pa, pyarrow.parquet as pq

E = 2440588


def plain(t):
    """The same type with temporal leaves replaced by integers (so values compare exactly)."""
    if pa.types.is_timestamp(t) or pa.types.is_time64(t) or pa.types.is_date64(t) or pa.types.is_duration(t):
        return pa.int64()
    if pa.types.is_date32(t) or pa.types.is_time32(t):
        return pa.int32()
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return pa.list_(pa.field(t.value_field.name, plain(t.value_type), True))
    if pa.types.is_map(t):
        return pa.map_(plain(t.key_type), plain(t.item_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, plain(f.type), True) for f in t])
    return t


def same(o, th, t):
    if o is None or th is None:
        return o is None and th is None
    if isinstance(o, list) and o and isinstance(o[0], str) and o[0] in ("f", "d", "h", "dec", "s", "b", "ts", "i96", "iv"):
        tag = o[0]
        if tag in ("f", "d"):
            v = struct.unpack(">f" if tag == "f" else ">d", bytes.fromhex(o[1]))[0]
            return (v != v and th != th) or v == th
        if tag == "h":
            import numpy as np
            v = float(np.frombuffer(bytes.fromhex(o[1])[::-1], dtype="<f2")[0])
            return (v != v and th != th) or v == float(th)
        if tag == "dec":
            u = int.from_bytes(bytes.fromhex(o[1]), "big", signed=True) if o[1] else 0
            return decimal.Decimal(u).scaleb(-o[2]) == th
        if tag == "s":
            return bytes.fromhex(o[1]).decode("utf-8", errors="replace") == th
        if tag == "b":
            if hasattr(th, "bytes"):
                th = th.bytes
            return bytes.fromhex(o[1]) == (th.encode() if isinstance(th, str) else bytes(th))
        if tag == "ts":
            return o[1] == th
        if tag == "i96":
            us = (o[1] - E) * 86400 * 10**6 + o[2] // 1000
            # pyarrow wraps values beyond int64 nanoseconds (Spark's year-290000 rows); those are not comparable.
            return us == th or not (-(2**63) <= us * 1000 < 2**63)
        if tag == "iv":
            return struct.pack("<III", o[1], o[2], o[3]) == bytes(th)
    if isinstance(o, dict) and "map" in o:
        items = th if isinstance(th, list) else list(th.items())
        return len(o["map"]) == len(items) and all(
            same(k, tk, None) and same(v, tv, None) for (k, v), (tk, tv) in zip(o["map"], items))
    if isinstance(o, dict) and "struct" in o:
        names = [k for k, _ in o["struct"]]
        return isinstance(th, dict) and names == list(th.keys()) and all(same(v, th[k], None) for k, v in o["struct"])
    if isinstance(o, list):
        return isinstance(th, list) and len(o) == len(th) and all(same(a, b, None) for a, b in zip(o, th))
    if isinstance(o, bool) or isinstance(th, bool):
        return o == th
    if isinstance(o, int):
        if isinstance(th, int):
            return o == th
        return False
    return o == th


def project(value, paths):
    """The parts of a row (nested dicts) that the dotted paths select, parents kept."""
    if any(len(p) == 0 for p in paths) or not isinstance(value, dict):
        return value
    out = {}
    for key in value:
        sub = [p[1:] for p in paths if p[0] == key]
        if sub:
            out[key] = project(value[key], sub) if value[key] is not None else None
    return out


def main():
    req = json.load(sys.stdin)
    mismatches, checked = [], 0
    for key, rows in req["files"].items():
        # "path" compares the whole file; "path#offset#limit" compares that slice of rows;
        # "path#offset#limit#a,b.c" that slice of those (possibly nested) columns.
        path, window, columns = key, None, None
        if key.count("#") == 3:
            path, off, lim, cols = key.rsplit("#", 3)
            window, columns = (int(off), int(lim)), cols.split(",")
        elif "#" in key:
            path, off, lim = key.rsplit("#", 2)
            window = (int(off), int(lim))
        try:
            if path.endswith("incorrect_map_schema.parquet"):
                # pyarrow refuses map keys that are not marked required; DuckDB reads the file.
                import duckdb
                rel = duckdb.sql(f"select * from '{path}'")
                theirs = [dict(zip(rel.columns, r)) for r in rel.fetchall()]
                for i, (o, th) in enumerate(zip(rows, theirs)):
                    checked += 1
                    if not same(o, th, None):
                        mismatches.append({"file": path, "row": i, "ours": o, "theirs": repr(th)[:500]})
                if len(rows) != len(theirs):
                    mismatches.append({"file": path, "error": f"{len(rows)} rows, duckdb has {len(theirs)}"})
                continue
            pf = pq.ParquetFile(path)
            has_int96 = any(pf.schema.column(i).physical_type == "INT96" for i in range(len(pf.schema)))
            roots = None if columns is None else list(dict.fromkeys(c.split(".")[0] for c in columns))
            table = pq.read_table(path, columns=roots, coerce_int96_timestamp_unit="us" if has_int96 else None)
            table = table.cast(pa.schema([pa.field(f.name, plain(f.type), True) for f in table.schema]))
            if window:
                table = table.slice(window[0], window[1])
            theirs = table.to_pylist()
            if columns is not None:
                # A dotted path keeps its parents (struct fields only): {"s": {"b": …}} for "s.b".
                theirs = [project(r, [c.split(".") for c in columns]) for r in theirs]
            if len(rows) != len(theirs):
                mismatches.append({"file": path, "error": f"{len(rows)} rows, pyarrow has {len(theirs)}"})
                continue
            for i, (o, th) in enumerate(zip(rows, theirs)):
                checked += 1
                if not same(o, th, None):
                    mismatches.append({"file": path, "row": i, "ours": o, "theirs": repr(th)[:500]})
                    break
        except Exception as e:
            mismatches.append({"file": path, "error": f"oracle failed: {type(e).__name__}: {e}"})
    json.dump({"checked": checked, "mismatches": mismatches}, sys.stdout)


main()
