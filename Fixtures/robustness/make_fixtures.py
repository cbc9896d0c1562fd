#!/usr/bin/env python3
"""Small seeded files for the mutation test that cover what parquet-testing's small files do not:
BROTLI pages (large_string_map.brotli.parquet decompresses to 1 GiB), and a data page v2 file with page
indexes and DELTA_BYTE_ARRAY / BYTE_STREAM_SPLIT columns. Run from the package root."""
import random
import pyarrow as pa, pyarrow.parquet as pq

rng = random.Random(7)
n = 60
table = pa.table({
    "id": pa.array(range(n), pa.int32()),
    "name": pa.array([None if i % 7 == 0 else rng.choice(["alpha", "beta", "gamma", "delta"]) for i in range(n)]),
    "tags": pa.array([[rng.randint(0, 9) for _ in range(rng.randint(0, 3))] for _ in range(n)], pa.list_(pa.int64())),
})
pq.write_table(table, "Fixtures/robustness/brotli.parquet", compression="brotli", row_group_size=30, data_page_size=256)

table = pa.table({
    "key": pa.array([f"key-{i // 3:04d}" for i in range(n)]),
    "code": pa.array([bytes([65 + i % 26]) * 4 for i in range(n)], pa.binary(4)),
    "value": pa.array([rng.uniform(-1, 1) for _ in range(n)], pa.float64()),
    "maybe": pa.array([None if i % 3 == 0 else i for i in range(n)], pa.int64()),
})
pq.write_table(table, "Fixtures/robustness/v2_page_index.parquet", compression="zstd", data_page_version="2.0",
               use_dictionary=False, write_page_index=True, data_page_size=200,
               column_encoding={"key": "DELTA_BYTE_ARRAY", "code": "DELTA_BYTE_ARRAY", "value": "BYTE_STREAM_SPLIT",
                                "maybe": "DELTA_BINARY_PACKED"})
print("wrote Fixtures/robustness/*.parquet")
