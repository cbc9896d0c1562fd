#!/usr/bin/env python3
"""Regenerates the small bundled fixtures (seeded; run from the package root).
Until the project's own writer lands, pyarrow writes them; the values are ours (seeded below)."""
import datetime, decimal, random
import pyarrow as pa, pyarrow.parquet as pq

rng = random.Random(20261125)
n = 1000
wells = [f"well-{i:03d}" for i in range(40)]
table = pa.table({
    "id": pa.array(range(n), pa.int64()),
    "well": pa.array([rng.choice(wells) for _ in range(n)]),
    "depth_m": pa.array([None if rng.random() < 0.1 else round(rng.uniform(0, 4000), 3) for _ in range(n)]),
    "measured_at": pa.array([datetime.datetime(2024, 1, 1) + datetime.timedelta(minutes=17 * i) for i in range(n)], pa.timestamp("us", tz="UTC")),
    "day": pa.array([datetime.date(2024, 1, 1) + datetime.timedelta(days=i // 50) for i in range(n)], pa.date32()),
    "price": pa.array([decimal.Decimal(rng.randint(-10**6, 10**6)) / 100 for _ in range(n)], pa.decimal128(12, 2)),
    "ok": pa.array([rng.random() < 0.8 for _ in range(n)]),
    "tags": pa.array([[rng.choice(["a", "b", "c"]) for _ in range(rng.randint(0, 3))] for _ in range(n)], pa.list_(pa.string())),
    "location": pa.array([{"lat": rng.uniform(-90, 90), "lon": rng.uniform(-180, 180)} for _ in range(n)],
                         pa.struct([("lat", pa.float64()), ("lon", pa.float64())])),
})
pq.write_table(table, "Fixtures/wells.parquet", row_group_size=250, compression="snappy")
print("wrote Fixtures/wells.parquet")
