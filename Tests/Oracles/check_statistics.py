#!/usr/bin/env python3
"""Oracle for the writer's statistics and page index.

For every file: pyarrow reads the values of each row group; the column-chunk statistics (as pyarrow
reports them, and the raw footer fields decoded here) must match the values (null count, min/max under
the logical type's order, NaN excluded, long byte arrays truncated to a prefix / rounded-up max), and
the page index (ColumnIndex + OffsetIndex, decoded here with a small Thrift compact decoder) must
match the pages: locations point at data page headers, first row indexes follow the pages' row counts,
null pages / null counts / min / max agree with each page's values, and the boundary order holds.

The checker validates itself: the same checks run on a copy of each file written by pyarrow with
`write_page_index=True` (a reference writer), which must pass too.

stdin: JSON {"files": [{"path": str, "pageIndex": bool, "truncate": int or null}]}
stdout: JSON {"checked": n, "problems": [str, ...]}
"""
import json
import math
import struct
import sys
import tempfile
import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq


# --- Thrift compact protocol (read side) ---------------------------------------------------------

class Thrift:
    def __init__(self, data, pos=0):
        self.d, self.p = data, pos

    def byte(self):
        b = self.d[self.p]
        self.p += 1
        return b

    def varint(self):
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7

    def zigzag(self):
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def value(self, t):
        if t in (1, 2):
            return t == 1
        if t == 3:
            return struct.unpack("b", bytes([self.byte()]))[0]
        if t in (4, 5, 6):
            return self.zigzag()
        if t == 7:
            v = struct.unpack("<d", self.d[self.p:self.p + 8])[0]
            self.p += 8
            return v
        if t == 8:
            n = self.varint()
            v = bytes(self.d[self.p:self.p + n])
            self.p += n
            return v
        if t in (9, 10):
            h = self.byte()
            n, et = h >> 4, h & 15
            if n == 15:
                n = self.varint()
            if et in (1, 2):  # booleans in lists are one byte each: 1 true, 2 false
                return [self.byte() == 1 for _ in range(n)]
            return [self.value(et) for _ in range(n)]
        if t == 12:
            return self.struct()
        raise ValueError(f"thrift type {t}")

    def struct(self):
        out, last = {}, 0
        while True:
            h = self.byte()
            if h == 0:
                return out
            t, delta = h & 15, h >> 4
            fid = last + delta if delta else self.zigzag()
            out[fid] = self.value(t)
            last = fid


def thrift_at(data, pos):
    r = Thrift(data, pos)
    v = r.struct()
    return v, r.p - pos


# --- orders ---------------------------------------------------------------------------------------

def order_of(col):
    """(kind, width) of the sort order of a leaf column (pyarrow ColumnSchema)."""
    phys, lt, ct = col.physical_type, str(col.logical_type), col.converted_type
    if phys == "INT96":
        return "none"
    if phys in ("INT32", "INT64"):
        return "unsigned" if (lt.startswith("Int(bitWidth=") and "isSigned=false" in lt) or ct.startswith("UINT") else "signed"
    if phys in ("FLOAT", "DOUBLE", "BOOLEAN"):
        return phys.lower()
    if lt.startswith("Decimal"):
        return "decimal"
    if lt == "Float16":
        return "float16"
    if ct == "INTERVAL":
        return "none"
    return "bytes"


def key_from_plain(raw, phys, order, width):
    """Sort key of a PLAIN-encoded statistics value."""
    if order == "decimal":
        return int.from_bytes(raw, "big", signed=True)
    if order == "float16":
        return float(np.frombuffer(raw, dtype="<f2")[0])
    if phys == "INT32":
        return struct.unpack("<I" if order == "unsigned" else "<i", raw)[0]
    if phys == "INT64":
        return struct.unpack("<Q" if order == "unsigned" else "<q", raw)[0]
    if phys == "FLOAT":
        return struct.unpack("<f", raw)[0]
    if phys == "DOUBLE":
        return struct.unpack("<d", raw)[0]
    if phys == "BOOLEAN":
        return raw[0]
    return bytes(raw)


def physical_of_plain(raw, phys):
    """The physical value of PLAIN bytes, as pyarrow's `min_raw` gives it."""
    fmt = {"INT32": "<i", "INT64": "<q", "FLOAT": "<f", "DOUBLE": "<d"}.get(phys)
    if fmt:
        return struct.unpack(fmt, raw)[0]
    if phys == "BOOLEAN":
        return bool(raw[0])
    return bytes(raw)


def keys_of_array(arr, phys, order):
    """Sort keys of the non-null, non-NaN values of an Arrow array, and the number of NaNs."""
    if isinstance(arr, pa.ExtensionArray):
        arr = arr.storage
    t = arr.type
    if pa.types.is_temporal(t):
        arr = arr.cast(pa.int32() if t.bit_width == 32 else pa.int64())
    vals = [v for v in arr.to_pylist() if v is not None]
    if order == "decimal" or pa.types.is_decimal(t):
        vals = [int(v.scaleb(t.scale)) for v in vals]
    elif order == "float16":
        vals = [float(v) for v in vals]
    elif order == "bytes":
        vals = [v.encode("utf-8") if isinstance(v, str) else bytes(v) for v in vals]
    elif order == "boolean":
        vals = [int(v) for v in vals]
    elif phys in ("INT32", "INT64") and order == "signed" and pa.types.is_unsigned_integer(t):
        vals = [int(v) for v in vals]
    nans = 0
    if order in ("float", "double", "float16"):
        nans = sum(1 for v in vals if v != v)
        vals = [v for v in vals if v == v]
    return vals, nans


def check_bounds(problems, where, lo, hi, vals, order, truncate, lo_exact=None, hi_exact=None):
    """Statistics min/max against the values (exact, or a truncated prefix / rounded-up max)."""
    true_lo, true_hi = min(vals), max(vals)
    if order in ("float", "double", "float16"):
        if true_lo == 0 and math.copysign(1, lo) > 0:
            problems.append(f"{where}: zero minimum written as +0")
        if true_hi == 0 and math.copysign(1, hi) < 0:
            problems.append(f"{where}: zero maximum written as -0")
    if order == "bytes" and truncate is not None and (len(true_lo) > truncate or len(true_hi) > truncate):
        if not (lo <= true_lo and true_lo.startswith(lo[:-1] if lo else b"") and len(lo) <= truncate):
            problems.append(f"{where}: truncated min {lo!r} is not a prefix lower bound of {true_lo!r}")
        # A maximum of only 0xFF bytes cannot be rounded up: it stays untruncated (and exact).
        if not (hi >= true_hi and (len(hi) <= truncate + 3 or hi == true_hi)):
            problems.append(f"{where}: truncated max {hi!r} is not an upper bound of {true_hi!r}")
        if lo_exact is not None and lo_exact != (lo == true_lo):
            problems.append(f"{where}: is_min_value_exact={lo_exact} for min {lo!r} (true {true_lo!r})")
        if hi_exact is not None and hi_exact != (hi == true_hi):
            problems.append(f"{where}: is_max_value_exact={hi_exact} for max {hi!r} (true {true_hi!r})")
        return
    if lo != true_lo or hi != true_hi:
        problems.append(f"{where}: min/max {lo!r}/{hi!r}, values give {true_lo!r}/{true_hi!r}")
    if lo_exact is False or hi_exact is False:
        problems.append(f"{where}: exact statistics flagged inexact")


def check_file(path, page_index, truncate, problems):
    checked = 0
    pf = pq.ParquetFile(path)
    md = pf.metadata
    data = open(path, "rb").read()
    flen = struct.unpack("<I", data[-8:-4])[0]
    fmd, _ = thrift_at(data, len(data) - 8 - flen)
    for g in range(md.num_row_groups):
        table = pf.read_row_group(g)
        rg_raw = fmd[4][g]
        for j in range(md.num_columns):
            col = pf.schema.column(j)
            if col.max_repetition_level > 0 or "." in col.path:
                continue
            where = f"{os.path.basename(path)} rg{g} {col.path}"
            order = order_of(col)
            phys = col.physical_type
            arr = table.column(col.path).combine_chunks()
            cmeta = md.row_group(g).column(j)
            chunk_raw = rg_raw[1][j]
            stats = cmeta.statistics
            vals, nans = keys_of_array(arr, phys, order)
            checked += len(arr)
            if stats is None or not stats.has_null_count:
                problems.append(f"{where}: no null count")
                continue
            if stats.null_count != arr.null_count:
                problems.append(f"{where}: null_count {stats.null_count}, values have {arr.null_count}")
            raw_stats = chunk_raw[3].get(12, {})
            if order in ("float", "double", "float16") and raw_stats.get(9) is not None and raw_stats[9] != nans:
                problems.append(f"{where}: nan_count {raw_stats[9]}, values have {nans}")
            if stats.has_distinct_count and stats.distinct_count != len(set(vals)) + (1 if nans else 0):
                problems.append(f"{where}: distinct_count {stats.distinct_count}, values have {len(set(vals))}")
            if order == "none" or not vals:
                if stats.has_min_max:
                    problems.append(f"{where}: min/max written without ordered values")
            else:
                if not stats.has_min_max:
                    problems.append(f"{where}: no min/max")
                else:
                    lo = key_from_plain(raw_stats[6], phys, order, col.length)
                    hi = key_from_plain(raw_stats[5], phys, order, col.length)
                    # pyarrow reads the same physical values (and can convert them to its logical types).
                    for mine, theirs in ((raw_stats[6], stats.min_raw), (raw_stats[5], stats.max_raw)):
                        if physical_of_plain(mine, phys) != theirs:
                            problems.append(f"{where}: pyarrow reads statistic {theirs!r}, footer holds {mine!r}")
                    _ = (stats.min, stats.max)
                    check_bounds(problems, where, lo, hi, vals, order, truncate, raw_stats.get(8), raw_stats.get(7))
            has_ci, has_oi = cmeta.has_column_index, cmeta.has_offset_index
            if not page_index:
                if has_ci or has_oi:
                    problems.append(f"{where}: page index written although disabled")
                continue
            if not has_oi:
                problems.append(f"{where}: no offset index")
                continue
            oi, _ = thrift_at(data, chunk_raw[4])
            locs = oi[1]
            firsts = [l[3] for l in locs] + [md.row_group(g).num_rows]
            if firsts[0] != 0 or any(a >= b for a, b in zip(firsts, firsts[1:])):
                problems.append(f"{where}: first row indexes {firsts} not increasing from 0")
                continue
            for k, l in enumerate(locs):
                header, hlen = thrift_at(data, l[1])
                if header[1] not in (0, 3) or hlen + header[3] != l[2]:
                    problems.append(f"{where}: page {k} location does not match its header")
                rows = header[8][3] if header[1] == 3 else header[5][1]
                if rows != firsts[k + 1] - firsts[k]:
                    problems.append(f"{where}: page {k} holds {rows} rows, offset index says {firsts[k + 1] - firsts[k]}")
            if order == "none":
                if has_ci:
                    problems.append(f"{where}: column index without an order")
                continue
            if not has_ci:
                if vals:
                    problems.append(f"{where}: no column index")
                continue
            ci, _ = thrift_at(data, chunk_raw[6])
            null_pages, mins, maxs, boundary, null_counts = ci[1], ci[2], ci[3], ci[4], ci.get(5)
            page_lo, page_hi = [], []
            for k in range(len(locs)):
                page = arr.slice(firsts[k], firsts[k + 1] - firsts[k])
                pv, _ = keys_of_array(page, phys, order)
                if null_counts is not None and null_counts[k] != page.null_count:
                    problems.append(f"{where}: page {k} null count {null_counts[k]}, values have {page.null_count}")
                if null_pages[k] != (page.null_count == len(page)):
                    problems.append(f"{where}: page {k} null_pages={null_pages[k]} for {page.null_count}/{len(page)} nulls")
                if null_pages[k] or not pv:
                    continue
                lo = key_from_plain(mins[k], phys, order, col.length)
                hi = key_from_plain(maxs[k], phys, order, col.length)
                check_bounds(problems, f"{where} page {k}", lo, hi, pv, order, truncate)
                page_lo.append(lo)
                page_hi.append(hi)
            pairs = list(zip(page_lo, page_hi))
            if boundary == 1 and any(a[0] > b[0] or a[1] > b[1] for a, b in zip(pairs, pairs[1:])):
                problems.append(f"{where}: boundary order ASCENDING does not hold")
            if boundary == 2 and any(a[0] < b[0] or a[1] < b[1] for a, b in zip(pairs, pairs[1:])):
                problems.append(f"{where}: boundary order DESCENDING does not hold")
    return checked


def main():
    req = json.load(sys.stdin)
    problems, checked = [], 0
    for f in req["files"]:
        try:
            checked += check_file(f["path"], f["pageIndex"], f.get("truncate"), problems)
            # Self-check against the reference writer on the same data.
            table = pq.read_table(f["path"])
            with tempfile.NamedTemporaryFile(suffix=".parquet") as ref:
                pq.write_table(table, ref.name, write_page_index=True, data_page_size=4096,
                               row_group_size=max(1, pq.ParquetFile(f["path"]).metadata.row_group(0).num_rows))
                ref_problems = []
                check_file(ref.name, True, None, ref_problems)
                problems.extend("reference: " + p for p in ref_problems)
        except Exception as e:  # report, do not hide
            import traceback
            problems.append(f"{f['path']}: checker failed: {type(e).__name__}: {e} {traceback.format_exc()[-600:]}")
    json.dump({"checked": checked, "problems": problems}, sys.stdout)


main()
