#!/usr/bin/env python3
"""Writes a seeded multi-row-group Parquet file for export fault and concurrency tests.

usage: gen_export_input.py OUT ROWS ROWS_PER_GROUP
Columns: id int64, name string, value double, flag bool, ts timestamp[us, UTC], tags list<string>.
"""
import sys
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

out, rows, per_group = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(20261125)
ids = np.arange(rows, dtype=np.int64)
words = np.array(["alpha", "beta", "gamma, delta", "quote\"d", "line\nbreak", "ünïcødé", ""], dtype=object)
names = [f"{words[i % len(words)]}-{int(v)}" for i, v in enumerate(rng.integers(0, 10**9, rows))]
values = rng.normal(0, 1e6, rows)
flags = rng.integers(0, 2, rows).astype(bool)
ts = pa.array(1_700_000_000_000_000 + ids * 1_000_003, pa.timestamp("us", tz="UTC"))
tags = [[words[(i + k) % len(words)] for k in range(i % 3)] for i in range(rows)]
table = pa.table({
    "id": ids, "name": names, "value": values, "flag": flags, "ts": ts,
    "tags": pa.array(tags, pa.list_(pa.string())),
})
pq.write_table(table, out, row_group_size=per_group, compression="snappy")
