#!/usr/bin/env python3
"""Deterministic benchmark datasets for parquet-bench and compare.py (seeded numpy + pyarrow).

Files written to the output folder (default: Benchmarks/data, git-ignored):

  mixed.parquet    the 9-column file of the engine issue: int64 id, int32, double, low-cardinality
                   string, high-cardinality string, timestamp[us], bool, double with 10% nulls,
                   date32; snappy; row groups of 1,000,000 rows (5,000,000 rows by default)
  wide10k.parquet  10,000 int64 columns x 100 rows: a large footer, for the open workload
  strings.parquet  string-heavy: 4 string columns (short, medium, long, dictionary-friendly) x 500,000 rows
  wide200.parquet  200 columns (int64 / double / string, cycling) x 100,000 rows
  decimal.parquet  decimals and timestamps: decimal(9,2), decimal(18,4), decimal(38,10), timestamp[ms]
                   with a time zone, timestamp[ns], date32 x 1,000,000 rows
  nested.parquet   list<struct<a: int64, b: string>> and map<string, double> x 200,000 rows
  mixed_rg2.parquet, mixed_rg20.parquet
                   the mixed data in row groups of 250,000 rows: 2 of them (the first 500,000 rows)
                   and 20 of them (all 5,000,000), for the memory-flatness rows of the export

mixed.parquet and the mixed_rg files carry a page index (as our writer, arrow-rs and parquet-mr write
one), so the row-window workload can read only the pages holding its rows.

`--rows N` scales the mixed file; `--scale F` scales every file's row count (0.001 for a smoke test).
A file is only rewritten when it is missing or its parameters changed (stored in a sidecar .json).
"""

import argparse
import json
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

SEED = 20240601


def random_strings(rng, n, min_len, max_len, alphabet=b"abcdefghijklmnopqrstuvwxyz0123456789"):
    """n random ASCII strings with lengths uniform in [min_len, max_len], built without a Python loop."""
    lengths = rng.integers(min_len, max_len + 1, size=n, dtype=np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    table = np.frombuffer(alphabet, dtype=np.uint8)
    data = table[rng.integers(0, len(table), size=int(offsets[-1]))]
    return pa.LargeStringArray.from_buffers(n, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data.tobytes())).cast(pa.string())


def mixed_table(rows, seed=SEED):
    rng = np.random.default_rng(seed)
    ids = np.arange(rows, dtype=np.int64)
    ints = rng.integers(-(2**31), 2**31 - 1, size=rows, dtype=np.int32)
    doubles = rng.standard_normal(rows)
    categories = np.array(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                           "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa"])
    low = pa.array(categories[rng.integers(0, len(categories), size=rows)], type=pa.string())
    high = random_strings(rng, rows, 8, 24)
    start = np.datetime64("2020-01-01T00:00:00", "us").astype(np.int64)
    ts = start + np.sort(rng.integers(0, 4 * 365 * 86_400_000_000, size=rows, dtype=np.int64))
    flags = rng.random(rows) < 0.5
    nullable = rng.standard_normal(rows) * 100.0
    mask = rng.random(rows) < 0.10
    days = rng.integers(0, 20_000, size=rows, dtype=np.int32)
    return pa.table({
        "id": pa.array(ids, type=pa.int64()),
        "int32": pa.array(ints, type=pa.int32()),
        "double": pa.array(doubles, type=pa.float64()),
        "category": low,
        "text": high,
        "ts": pa.array(ts, type=pa.timestamp("us")),
        "flag": pa.array(flags, type=pa.bool_()),
        "maybe": pa.array(nullable, type=pa.float64(), mask=mask),
        "day": pa.array(days, type=pa.date32()),
    })


def wide_footer_table(columns, rows, seed=SEED):
    rng = np.random.default_rng(seed + 1)
    data = rng.integers(0, 1000, size=(columns, rows), dtype=np.int64)
    return pa.table({f"c{i:05d}": data[i] for i in range(columns)})


def strings_table(rows, seed=SEED):
    rng = np.random.default_rng(seed + 2)
    words = random_strings(rng, 5000, 4, 12).to_numpy(zero_copy_only=False)
    return pa.table({
        "short": random_strings(rng, rows, 1, 8),
        "medium": random_strings(rng, rows, 16, 48),
        "long": random_strings(rng, rows, 100, 300),
        "word": pa.array(words[rng.integers(0, len(words), size=rows)], type=pa.string()),
    })


def wide_table(columns, rows, seed=SEED):
    rng = np.random.default_rng(seed + 3)
    cols = {}
    for i in range(columns):
        kind = i % 3
        if kind == 0:
            cols[f"i{i:03d}"] = pa.array(rng.integers(0, 1 << 40, size=rows, dtype=np.int64))
        elif kind == 1:
            cols[f"d{i:03d}"] = pa.array(rng.standard_normal(rows))
        else:
            cols[f"s{i:03d}"] = random_strings(rng, rows, 4, 16)
    return pa.table(cols)


def decimal_table(rows, seed=SEED):
    rng = np.random.default_rng(seed + 4)

    def decimals(precision, scale):
        # Unscaled values of up to 18 digits as 16-byte little-endian two's complement (low word, then
        # the sign extension): exact, without a Python Decimal per value.
        digits = min(precision, 18)
        unscaled = rng.integers(-(10 ** digits - 1), 10 ** digits, size=rows, dtype=np.int64)
        words = np.stack([unscaled, unscaled >> 63], axis=1)
        return pa.Array.from_buffers(pa.decimal128(precision, scale), rows, [None, pa.py_buffer(words.tobytes())])

    start = np.datetime64("2021-01-01T00:00:00", "ms").astype(np.int64)
    ms = start + rng.integers(0, 3 * 365 * 86_400_000, size=rows, dtype=np.int64)
    return pa.table({
        "d9_2": decimals(9, 2),
        "d18_4": decimals(18, 4),
        "d38_10": decimals(38, 10),
        "ts_ms_tz": pa.array(ms, type=pa.timestamp("ms", tz="Europe/Paris")),
        "ts_ns": pa.array(ms * 1_000_000 + rng.integers(0, 1_000_000, size=rows), type=pa.timestamp("ns")),
        "day": pa.array(rng.integers(0, 20_000, size=rows, dtype=np.int32), type=pa.date32()),
    })


def nested_table(rows, seed=SEED):
    rng = np.random.default_rng(seed + 5)
    counts = rng.integers(0, 5, size=rows)
    offsets = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    n = int(offsets[-1])
    items = pa.StructArray.from_arrays([pa.array(rng.integers(0, 1 << 40, size=n)), random_strings(rng, n, 1, 12)],
                                       names=["a", "b"])
    lists = pa.ListArray.from_arrays(pa.array(offsets), items)
    keys = random_strings(rng, n, 1, 6)
    maps = pa.MapArray.from_arrays(pa.array(offsets), keys, pa.array(rng.standard_normal(n)))
    return pa.table({"items": lists, "attributes": maps})


def write_if_changed(path, params, make, **write_options):
    sidecar = path + ".json"
    if os.path.exists(path) and os.path.exists(sidecar):
        with open(sidecar) as f:
            if json.load(f) == params:
                print(f"up to date: {path}", file=sys.stderr)
                return
    table = make()
    pq.write_table(table, path, **write_options)
    with open(sidecar, "w") as f:
        json.dump(params, f)
    print(f"wrote {path}: {table.num_rows} rows x {table.num_columns} columns, "
          f"{os.path.getsize(path) / 1e6:.1f} MB", file=sys.stderr)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(here, "data"), help="output folder (default: %(default)s)")
    p.add_argument("--rows", type=int, default=5_000_000, help="rows of mixed.parquet (default: %(default)s)")
    p.add_argument("--scale", type=float, default=1.0, help="multiplies every row count (default: %(default)s)")
    p.add_argument("--only", nargs="*",
                   choices=["mixed", "mixed_rg", "wide10k", "strings", "wide200", "decimal", "nested"],
                   help="write only these datasets")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    scale = lambda n: max(1, int(n * args.scale))
    wanted = set(args.only or ["mixed", "mixed_rg", "wide10k", "strings", "wide200", "decimal", "nested"])
    version = 1  # bump when a generator changes

    mixed_rows = scale(args.rows)
    mixed = {}  # the generated mixed table, shared by the files made from it

    def mixed_data():
        if "table" not in mixed:
            mixed["table"] = mixed_table(mixed_rows)
        return mixed["table"]

    if "mixed" in wanted:
        group = min(1_000_000, max(1, scale(1_000_000)))
        write_if_changed(os.path.join(args.out, "mixed.parquet"),
                         {"v": 2, "rows": mixed_rows, "group": group},
                         mixed_data, compression="snappy", row_group_size=group, write_page_index=True)
    if "mixed_rg" in wanted:
        group = max(1, mixed_rows // 20)
        for groups in (2, 20):
            write_if_changed(os.path.join(args.out, f"mixed_rg{groups}.parquet"),
                             {"v": version, "rows": mixed_rows, "group": group, "groups": groups},
                             lambda: mixed_data().slice(0, group * groups), compression="snappy",
                             row_group_size=group, write_page_index=True)
    if "wide10k" in wanted:
        rows = scale(100)
        write_if_changed(os.path.join(args.out, "wide10k.parquet"),
                         {"v": version, "columns": 10_000, "rows": rows},
                         lambda: wide_footer_table(10_000, rows), compression="snappy")
    if "strings" in wanted:
        rows = scale(500_000)
        write_if_changed(os.path.join(args.out, "strings.parquet"),
                         {"v": version, "rows": rows},
                         lambda: strings_table(rows), compression="snappy", row_group_size=250_000)
    if "wide200" in wanted:
        rows = scale(100_000)
        write_if_changed(os.path.join(args.out, "wide200.parquet"),
                         {"v": version, "columns": 200, "rows": rows},
                         lambda: wide_table(200, rows), compression="snappy", row_group_size=50_000)
    if "decimal" in wanted:
        rows = scale(1_000_000)
        write_if_changed(os.path.join(args.out, "decimal.parquet"), {"v": version, "rows": rows},
                         lambda: decimal_table(rows), compression="snappy", row_group_size=500_000)
    if "nested" in wanted:
        rows = scale(200_000)
        write_if_changed(os.path.join(args.out, "nested.parquet"), {"v": version, "rows": rows},
                         lambda: nested_table(rows), compression="snappy", row_group_size=100_000)


if __name__ == "__main__":
    main()
