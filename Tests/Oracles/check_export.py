#!/usr/bin/env python3
"""Oracle for exports: renders pyarrow's values by shared/RENDERING.md and compares them with our output.

stdin: JSON {"checks": [{"parquet": path, "format": csv|json|ndjson|xlsx, "output": path, "columns": [..]|null,
                         "limit": n|null, "nullText": "", "compression": null|"gzip"|"zstd"}]}
stdout: JSON {"checked": cells, "mismatches": [...]}
"""
import base64, csv, datetime, decimal, gzip, io, json, math, struct, sys
import pyarrow as pa, pyarrow.parquet as pq

EPOCH_ORD = datetime.date(1970, 1, 1).toordinal()


class F:  # a float to compare numerically (width 32 or 64)
    def __init__(self, v, width):
        self.v, self.width = v, width


class Skip:  # a value outside Python's date range: not compared
    pass


SKIP = Skip()


def civil(days):
    if -719162 <= days <= 2932896:
        return datetime.date.fromordinal(EPOCH_ORD + days).isoformat()
    return SKIP


def fmt_ts(value, per_sec, digits, sep, utc):
    days, rem = divmod(value, per_sec * 86400)
    d = civil(days)
    if d is SKIP:
        return SKIP
    secs, frac = divmod(rem, per_sec)
    h, m, s = secs // 3600, secs // 60 % 60, secs % 60
    return f"{d}{sep}{h:02d}:{m:02d}:{s:02d}.{frac:0{digits}d}" + ("Z" if utc else "")


UNITS = {"s": (1, 0), "ms": (1000, 3), "us": (10**6, 6), "ns": (10**9, 9)}


def expected(v, t, sep="T"):
    """Expected JSON value (Python object) of v of arrow type t; None is null; F for floats."""
    if v is None:
        return None
    if pa.types.is_boolean(t) or pa.types.is_integer(t):
        return v
    if pa.types.is_floating(t):
        w = 16 if pa.types.is_float16(t) else 32 if pa.types.is_float32(t) else 64
        return F(float(v), w)
    if pa.types.is_decimal(t):
        return decimal.Decimal(v)
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return v
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t):
        return base64.b64encode(v).decode()
    if pa.types.is_date32(t):
        return civil(v)
    if pa.types.is_timestamp(t):
        per, digits = UNITS[t.unit]
        return fmt_ts(v, per, digits, sep, t.tz is not None)
    if pa.types.is_time(t):
        per, digits = UNITS[t.unit]
        secs, frac = divmod(v, per)
        return f"{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}.{frac:0{digits}d}"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return [expected(x, t.value_type) for x in v]
    if pa.types.is_struct(t):
        return {f.name: expected(v[f.name], f.type) for f in t}
    if pa.types.is_map(t):
        if pa.types.is_string(t.key_type):
            return {k: expected(x, t.item_type) for k, x in v}
        return [{"key": expected(k, t.key_type), "value": expected(x, t.item_type)} for k, x in v]
    if isinstance(t, pa.ExtensionType):
        return expected(v, t.storage_type)
    raise ValueError(f"type {t}")


def int_view(t):
    if pa.types.is_timestamp(t) or pa.types.is_time64(t) or pa.types.is_duration(t):
        return pa.int64()
    if pa.types.is_date32(t) or pa.types.is_time32(t):
        return pa.int32()
    if pa.types.is_list(t):
        return pa.list_(pa.field(t.value_field.name, int_view(t.value_type), True))
    if pa.types.is_map(t):
        return pa.map_(int_view(t.key_type), int_view(t.item_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, int_view(f.type), True) for f in t])
    return t


def same_json(o, e):
    if e is SKIP:
        return True
    if isinstance(e, F):
        if math.isnan(e.v) or math.isinf(e.v):
            return o is None
        if not isinstance(o, (int, float, decimal.Decimal)):
            return False
        if e.width == 32:
            return struct.pack("<f", float(o)) == struct.pack("<f", e.v)
        if e.width == 16:
            import numpy as np
            return np.float16(float(o)) == np.float16(e.v)
        return float(o) == e.v
    if isinstance(e, decimal.Decimal):
        return isinstance(o, (decimal.Decimal, int)) and str(o) == str(e) or (isinstance(o, int) and e == o and e.as_tuple().exponent == 0)
    if isinstance(e, dict):
        return isinstance(o, dict) and list(o.keys()) == list(e.keys()) and all(same_json(o[k], e[k]) for k in e)
    if isinstance(e, list):
        return isinstance(o, list) and len(o) == len(e) and all(same_json(a, b) for a, b in zip(o, e))
    if isinstance(e, bool) or isinstance(o, bool):
        return o is e
    return o == e


def csv_text(e, null_text):
    """Expected CSV cell for a scalar expected value (None = null)."""
    if e is None:
        return null_text
    if isinstance(e, bool):
        return "true" if e else "false"
    return str(e)


def same_csv(cell, e, t, null_text):
    if e is SKIP:
        return True
    if e is None:
        return cell == null_text
    if isinstance(e, F):
        if math.isnan(e.v):
            return cell == "nan"
        if math.isinf(e.v):
            return cell == ("inf" if e.v > 0 else "-inf")
        return same_json(float(cell), e)
    if isinstance(e, (dict, list)):
        return same_json(json.loads(cell, parse_float=decimal.Decimal), e)
    if pa.types.is_timestamp(t):
        return cell == e.replace("T", " ", 1)
    if isinstance(e, decimal.Decimal):
        return cell == str(e)
    return cell == csv_text(e, null_text)


def load_text(path, compression):
    raw = open(path, "rb").read()
    if compression == "gzip":
        raw = gzip.decompress(raw)
    elif compression == "zstd":
        import zstandard
        raw = zstandard.ZstdDecompressor().decompressobj().decompress(raw)
    return raw.decode("utf-8")


def check(c, mismatches):
    table = pq.read_table(c["parquet"], columns=c.get("columns"))
    if c.get("limit") is not None:
        table = table.slice(0, c["limit"])
    table = table.cast(pa.schema([pa.field(f.name, int_view(f.type), True) for f in table.schema]))
    orig = pq.read_table(c["parquet"], columns=c.get("columns")).schema
    rows = table.to_pylist()
    names = table.column_names
    fmt = c["format"]
    n = 0
    if fmt in ("json", "ndjson"):
        text = load_text(c["output"], c.get("compression"))
        if fmt == "json":
            doc = json.loads(text, parse_float=decimal.Decimal)
            ours = doc["rows"] if isinstance(doc, dict) else doc
        else:
            assert text == "" or text.endswith("\n")
            ours = [json.loads(l, parse_float=decimal.Decimal) for l in text.split("\n") if l]
        if len(ours) != len(rows):
            mismatches.append({"file": c["output"], "error": f"{len(ours)} rows, expected {len(rows)}"})
            return 0
        for i, (o, r) in enumerate(zip(ours, rows)):
            if list(o.keys()) != names:
                mismatches.append({"file": c["output"], "row": i, "error": f"keys {list(o.keys())} != {names}"})
                return n
            for f in orig:
                n += 1
                e = expected(r[f.name], f.type)
                if not same_json(o[f.name], e):
                    mismatches.append({"file": c["output"], "row": i, "column": f.name, "ours": repr(o[f.name])[:300], "expected": repr(e if not isinstance(e, F) else e.v)[:300]})
                    return n
    elif fmt == "csv":
        text = load_text(c["output"], c.get("compression"))
        reader = list(csv.reader(io.StringIO(text, newline="")))
        header, body = reader[0], reader[1:]
        if header != names or len(body) != len(rows):
            mismatches.append({"file": c["output"], "error": f"header {header} / {len(body)} rows vs {names} / {len(rows)}"})
            return 0
        for i, (cells, r) in enumerate(zip(body, rows)):
            for cell, f in zip(cells, orig):
                n += 1
                e = expected(r[f.name], f.type, sep=" ")
                if not same_csv(cell, e, f.type, c.get("nullText", "")):
                    mismatches.append({"file": c["output"], "row": i, "column": f.name, "ours": cell[:300], "expected": repr(e if not isinstance(e, F) else e.v)[:300]})
                    return n
    elif fmt == "xlsx":
        import openpyxl
        wb = openpyxl.load_workbook(c["output"], read_only=True)
        ws = wb.worksheets[0]
        values = list(ws.iter_rows(values_only=True))
        if list(values[0]) != names or len(values) - 1 != len(rows):
            mismatches.append({"file": c["output"], "error": f"header {values[0]} / {len(values) - 1} rows"})
            return 0
        for i, (cells, r) in enumerate(zip(values[1:], rows)):
            for cell, f in zip(cells, orig):
                n += 1
                v, t = r[f.name], f.type
                if v is None:
                    ok = cell is None
                elif pa.types.is_boolean(t):
                    ok = cell is v
                elif pa.types.is_integer(t):
                    ok = cell == v
                elif pa.types.is_floating(t):
                    ok = (math.isnan(v) and cell in (None, "NaN", "nan")) or cell == v or (pa.types.is_float32(t) and struct.pack("<f", cell) == struct.pack("<f", v))
                elif pa.types.is_decimal(t):
                    ok = abs(decimal.Decimal(str(cell)) - v) <= abs(v) * decimal.Decimal("1e-15") + decimal.Decimal("1e-15")
                elif pa.types.is_string(t):
                    ok = cell == v
                elif pa.types.is_timestamp(t) or pa.types.is_date32(t):
                    per = UNITS[t.unit][0] if pa.types.is_timestamp(t) else None
                    exp = (datetime.datetime(1970, 1, 1) + datetime.timedelta(microseconds=v * 10**6 // per)) if per else (datetime.datetime(1970, 1, 1) + datetime.timedelta(days=v))
                    ok = isinstance(cell, datetime.datetime) and abs((cell - exp).total_seconds()) < 0.001
                else:
                    e = expected(v, t)
                    ok = isinstance(cell, str) and (same_json(json.loads(cell, parse_float=decimal.Decimal), e) if isinstance(e, (dict, list)) else cell == e)
                if not ok:
                    mismatches.append({"file": c["output"], "row": i, "column": f.name, "ours": repr(cell)[:300], "expected": repr(v)[:300]})
                    return n
    return n


def main():
    req = json.load(sys.stdin)
    mismatches, checked = [], 0
    for c in req["checks"]:
        try:
            checked += check(c, mismatches)
        except Exception as e:
            mismatches.append({"file": c.get("output"), "error": f"oracle failed: {type(e).__name__}: {e}"})
    json.dump({"checked": checked, "mismatches": mismatches}, sys.stdout)


main()
