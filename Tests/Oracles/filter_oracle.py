#!/usr/bin/env python3
"""DuckDB oracle for row filters.

usage: filter_oracle.py OUTDIR SEED COUNT
Writes a seeded random Parquet file with pyarrow (ints, unsigned, floats with NaN and nulls, strings,
dates, timestamps, decimals, a boolean, a nested struct; several row groups, small pages, a page index)
and COUNT seeded random predicates drawn from its values. Prints JSON:
{"file": path, "cases": [{"where": <our --where text>, "ids": [...], "s": [...]}]}
where ids / s are DuckDB's `SELECT id, s FROM file WHERE <sql> ORDER BY id`.
"""
import datetime, decimal, json, math, os, random, sys
import duckdb
import pyarrow as pa, pyarrow.parquet as pq

out, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
N = 4000

def maybe_null(v, p=0.1):
    return None if rng.random() < p else v

WORDS = ["alpha", "beta", "gamma", "delta", "é", "éa", "z", "Z", "", "a b", "ß", "😀", "zz", "x'y"]
base_ts = datetime.datetime(2024, 1, 1)
rows = []
for i in range(N):
    rows.append(dict(
        id=i,
        i32=maybe_null(rng.randint(-1000, 1000)),
        i8=rng.randint(-128, 127),
        u32=maybe_null(rng.choice([0, 1, 2**31 - 1, 2**31, 2**32 - 1, rng.randint(0, 2**32 - 1)])),
        u64=rng.choice([0, 5, 2**63 - 1, 2**63, 2**64 - 1, rng.randint(0, 2**64 - 1)]),
        f32=maybe_null(rng.choice([float("nan"), -0.0, 0.0, 1.5, -2.25, rng.randint(-40, 40) / 4])),
        f64=maybe_null(rng.choice([float("nan"), float("inf"), -float("inf"), -0.0, rng.uniform(-100, 100), rng.randint(-20, 20) / 2])),
        s=maybe_null(rng.choice(WORDS) + rng.choice(["", "", str(rng.randint(0, 9))])),
        d=maybe_null(datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 2000))),
        ts=maybe_null(base_ts + datetime.timedelta(microseconds=rng.randint(-10**13, 10**13))),
        tsz=maybe_null(datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(milliseconds=rng.randint(-10**10, 10**10))),
        dec=maybe_null(decimal.Decimal(rng.randint(-10**6, 10**6)) / 100),
        dec30=maybe_null(decimal.Decimal(rng.randint(-10**25, 10**25)) / 10**5),
        b=maybe_null(rng.random() < 0.5),
        st=maybe_null(dict(a=maybe_null(rng.randint(0, 50)), b=maybe_null(rng.choice(WORDS)))),
    ))
schema = pa.schema([
    ("id", pa.int64()), ("i32", pa.int32()), ("i8", pa.int8()), ("u32", pa.uint32()), ("u64", pa.uint64()),
    ("f32", pa.float32()), ("f64", pa.float64()), ("s", pa.string()), ("d", pa.date32()),
    ("ts", pa.timestamp("us")), ("tsz", pa.timestamp("ms", tz="UTC")), ("dec", pa.decimal128(10, 2)),
    ("dec30", pa.decimal128(30, 5)), ("b", pa.bool_()),
    ("st", pa.struct([("a", pa.int32()), ("b", pa.string())])),
])
# Cluster some values so statistics and the page index prune: sort by a random column half the time.
key = rng.choice(["id", "i32", "s", "d", "dec"])
rows.sort(key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0) if key != "s" else (r["s"] is None, (r["s"] or "").encode()))
table = pa.Table.from_pylist(rows, schema=schema)
path = os.path.join(out, f"filter_{seed}.parquet")
pq.write_table(table, path, row_group_size=1000, data_page_size=512, write_batch_size=64,
               write_page_index=True, compression=rng.choice(["snappy", "none", "zstd"]),
               use_dictionary=rng.random() < 0.5)

def lit(col, v):
    """A literal in our language (which DuckDB also accepts, except NaN)."""
    if v is None:
        return "0"
    if col in ("f32", "f64"):
        if math.isnan(v): return "NaN"
        if math.isinf(v): return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if col in ("s", "st.b"):
        return "'" + v.replace("'", "''") + "'"
    if col == "d":
        return f"DATE '{v.isoformat()}'"
    if col in ("ts", "tsz"):
        v = v.replace(tzinfo=None)
        return f"TIMESTAMP '{v.isoformat(sep=' ')}'"
    if col == "b":
        return "TRUE" if v else "FALSE"
    return str(v)

COLS = ["i32", "i8", "u32", "u64", "f32", "f64", "s", "d", "ts", "tsz", "dec", "dec30", "b", "st.a", "st.b", "id"]

def value_of(r, col):
    if col.startswith("st."):
        return None if r["st"] is None else r["st"][col[3:]]
    return r[col]

def sample_literal(col):
    v = None
    for _ in range(20):
        v = value_of(rng.choice(rows), col)
        if col == "f32" and v is not None and math.isnan(v): v = None
        if v is not None: break
    if v is None: return "0" if col not in ("s", "st.b") else "'a'"
    r = rng.random()
    if col in ("i32", "i8", "st.a", "id") and r < 0.2:
        return rng.choice([str(v) + ".5", "-" + str(abs(v) + 1000000), "1e3", "99999999999", "-2.5"])
    if col == "dec" and r < 0.2:
        return str(v) + "1"      # scale 3 on a scale-2 column
    if col in ("ts",) and r < 0.2:
        return f"TIMESTAMP '{(v + datetime.timedelta(microseconds=1)).isoformat(sep=' ')}'"
    if col == "tsz" and r < 0.2:
        return f"TIMESTAMP '{v.replace(tzinfo=None).isoformat(sep=' ')}.000400'" if v.microsecond == 0 else lit(col, v)
    if col == "d" and r < 0.15:
        return f"TIMESTAMP '{v.isoformat()} 12:00:00'"
    if col in ("f32", "f64") and r < 0.1:
        # DuckDB 1.x/2.0 compares FLOAT NaN inconsistently (isnan(f32) true, f32 = 'NaN'::FLOAT false, and
        # its statistics pushdown drops NaN rows), so NaN literals go to the DOUBLE column only.
        return rng.choice((["NaN"] if col == "f64" else []) + ["Infinity", "-Infinity", "0", "-0.0"])
    return lit(col, v)

def leaf():
    col = rng.choice(COLS)
    k = rng.random()
    if k < 0.1:
        return f"{col} IS {'NOT ' if rng.random() < 0.5 else ''}NULL"
    if col == "b":
        return f"b {rng.choice(['=', '!='])} {rng.choice(['TRUE', 'FALSE'])}"
    if k < 0.2:
        vals = ", ".join(sample_literal(col) for _ in range(rng.randint(1, 4)))
        return f"{col} {'NOT ' if rng.random() < 0.3 else ''}IN ({vals})"
    if k < 0.3:
        a, b = sample_literal(col), sample_literal(col)
        return f"{col} {'NOT ' if rng.random() < 0.3 else ''}BETWEEN {a} AND {b}"
    op = rng.choice(["=", "!=", "<", "<=", ">", ">=", "<>"])
    return f"{col} {op} {sample_literal(col)}"

def expr(depth=0):
    r = rng.random()
    if depth >= 3 or r < 0.45:
        return leaf()
    if r < 0.55:
        return f"NOT ({expr(depth + 1)})"
    return f"({expr(depth + 1)} {rng.choice(['AND', 'OR'])} {expr(depth + 1)})"

def to_sql(w):
    # DuckDB spells NaN / Infinity as casts; our grammar accepts the bare words.
    import re
    w = re.sub(r"(?<![\w'])-Infinity\b", "'-Infinity'::DOUBLE", w)
    w = re.sub(r"(?<![\w'-])Infinity\b", "'Infinity'::DOUBLE", w)
    return re.sub(r"(?<![\w'])NaN\b", "'NaN'::DOUBLE", w)

con = duckdb.connect()
con.execute("SET TimeZone='UTC'")
cases = []
for _ in range(count):
    w = expr()
    res = con.execute(f"SELECT id, s FROM read_parquet('{path}') WHERE {to_sql(w)} ORDER BY id").fetchall()
    cases.append({"where": w, "ids": [r[0] for r in res], "s": [r[1] for r in res]})
json.dump({"file": path, "cases": cases}, sys.stdout)
