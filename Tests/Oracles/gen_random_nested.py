#!/usr/bin/env python3
"""Writes seeded random nested Parquet files with pyarrow: lists of structs of maps, nulls at every
level, empty containers, several row groups, small pages, data page v1 and v2.
usage: gen_random_nested.py OUTDIR SEED COUNT  -> prints the paths written, one per line."""
import random, sys
import pyarrow as pa, pyarrow.parquet as pq

out, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)

LEAVES = [pa.int32(), pa.int64(), pa.float64(), pa.string(), pa.bool_(), pa.binary(), pa.date32(),
          pa.timestamp("ms"), pa.decimal128(10, 3)]


def rand_type(depth):
    if depth >= 3 or rng.random() < 0.35:
        return rng.choice(LEAVES)
    k = rng.choice(["list", "struct", "map"])
    if k == "list":
        return pa.list_(pa.field("element", rand_type(depth + 1), nullable=rng.random() < 0.7))
    if k == "map":
        return pa.map_(pa.string(), rand_type(depth + 1))
    n = rng.randint(1, 3)
    return pa.struct([pa.field(f"f{i}", rand_type(depth + 1), nullable=rng.random() < 0.7) for i in range(n)])


def rand_value(t, nullable=True):
    if nullable and rng.random() < 0.15:
        return None
    if pa.types.is_list(t):
        return [rand_value(t.value_type, t.value_field.nullable) for _ in range(rng.choice([0, 0, 1, 2, 3, 5]))]
    if pa.types.is_map(t):
        keys = rng.sample(["a", "b", "c", "d", "e"], rng.choice([0, 1, 2, 3]))
        return [(k, rand_value(t.item_type)) for k in keys]
    if pa.types.is_struct(t):
        return {f.name: rand_value(f.type, f.nullable) for f in t}
    if pa.types.is_int32(t):
        return rng.randint(-2**31, 2**31 - 1)
    if pa.types.is_int64(t):
        return rng.randint(-2**63, 2**63 - 1)
    if pa.types.is_floating(t):
        return rng.uniform(-1e6, 1e6)
    if pa.types.is_string(t):
        return "".join(rng.choice("abcxyzé€😀") for _ in range(rng.randint(0, 8)))
    if pa.types.is_binary(t):
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 6)))
    if pa.types.is_boolean(t):
        return rng.random() < 0.5
    if pa.types.is_date32(t):
        import datetime
        return datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randint(-20000, 20000))
    if pa.types.is_timestamp(t):
        return rng.randint(-10**12, 10**12)
    if pa.types.is_decimal(t):
        import decimal
        return decimal.Decimal(rng.randint(-10**9, 10**9)).scaleb(-3)
    raise ValueError(t)


for i in range(count):
    fields = [pa.field(f"c{j}", rand_type(0), nullable=rng.random() < 0.8) for j in range(rng.randint(1, 4))]
    schema = pa.schema(fields)
    rows = rng.randint(0, 300)
    cols = [pa.array([rand_value(f.type, f.nullable) for _ in range(rows)], f.type) for f in fields]
    table = pa.Table.from_arrays(cols, schema=schema)
    path = f"{out}/nested_{seed}_{i}.parquet"
    pq.write_table(table, path, row_group_size=max(1, rows // rng.randint(1, 4)), data_page_size=rng.choice([64, 512, 1 << 20]),
                   data_page_version=rng.choice(["1.0", "2.0"]), compression=rng.choice(["snappy", "zstd", "none", "gzip"]),
                   use_dictionary=rng.random() < 0.5)
    print(path)
