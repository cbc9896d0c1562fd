#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets (into a git-ignored work directory).

usage: seeds.py <corpus-dir> <parquet-testing data dir> <fixtures dir>

FuzzReadPath gets the small Parquet files themselves; FuzzThrift their footers and first page headers;
the decoder targets small valid encodings; the codec targets compressed pages (in the target's input
format: parameter bytes, then data). Existing corpus files are kept (libFuzzer adds to them).
"""
import glob
import os
import struct
import sys

import pyarrow as pa

corpus, data_dir, fixtures = sys.argv[1:4]


def put(target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def uleb(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def zigzag(v):
    return (v << 1) ^ (v >> 63)


files = sorted(glob.glob(os.path.join(data_dir, "*.parquet")) + glob.glob(os.path.join(fixtures, "*.parquet")))
for path in files:
    raw = open(path, "rb").read()
    name = os.path.basename(path)
    if len(raw) <= 65536:
        put("FuzzReadPath", name, raw)
    if raw[-4:] != b"PAR1" or len(raw) < 12:
        continue
    n = struct.unpack("<I", raw[-8:-4])[0]
    if n <= len(raw) - 12 and n <= 4095:
        put("FuzzThrift", name + ".footer", b"\x00" + raw[-8 - n:-8])
    put("FuzzThrift", name + ".page", b"\x01" + raw[4:4 + 400])

count = struct.pack("<H", 300)
# PLAIN: selector byte (type), count, values.
for sel, width in [(0, 1), (1, 4), (2, 8), (3, 12), (4, 8), (6 | (5 << 3), 5)]:
    put("FuzzPlain", "type%d" % sel, bytes([sel]) + count + bytes(range(256))[: width * 40])
put("FuzzPlain", "bytearray", bytes([5]) + count + b"".join(struct.pack("<I", i % 7) + b"x" * (i % 7) for i in range(30)))
# RLE/bit-packed: width, count, runs (a repeated run, then a bit-packed run of 8 values).
for w in (1, 3, 8, 20):
    vb = (w + 7) // 8
    put("FuzzRLE", "w%d" % w, bytes([w]) + count + uleb(50 << 1) + (5).to_bytes(vb, "little") + uleb((1 << 1) | 1) + bytes(w))
    put("FuzzDictionaryIndexes", "w%d" % w, bytes([200]) + count + bytes([w]) + uleb(50 << 1) + (3).to_bytes(vb, "little") + uleb(3) + bytes(w))
# DELTA_BINARY_PACKED: block 128, 4 miniblocks, 33 values, first value 7, min delta 1, widths 0.
dbp = uleb(128) + uleb(4) + uleb(33) + uleb(zigzag(7)) + uleb(zigzag(1)) + bytes([0, 0, 0, 0])
dbp_w = uleb(128) + uleb(4) + uleb(40) + uleb(zigzag(-3)) + uleb(zigzag(-2)) + bytes([3, 1, 0, 0]) + bytes(range(12)) + bytes(4)
for sel in (0, 1):
    put("FuzzDeltaBinaryPacked", "flat%d" % sel, bytes([sel]) + count + dbp)
    put("FuzzDeltaBinaryPacked", "widths%d" % sel, bytes([sel]) + count + dbp_w)
lengths = uleb(128) + uleb(4) + uleb(3) + uleb(zigzag(2)) + uleb(zigzag(1)) + bytes([0, 0, 0, 0])
put("FuzzDeltaLength", "abc", count + lengths + b"ab" + b"abc" + b"abcd")
prefixes = uleb(128) + uleb(4) + uleb(3) + uleb(zigzag(0)) + uleb(zigzag(1)) + bytes([0, 0, 0, 0])
put("FuzzDeltaByteArray", "strings", bytes([0]) + count + prefixes + lengths + b"ab" + b"abc" + b"abcd")
put("FuzzDeltaByteArray", "fixed", bytes([3]) + count + prefixes + uleb(128) + uleb(4) + uleb(3) + uleb(zigzag(3)) + uleb(0) + bytes(4) + b"abcbcdcde")
for sel in (0, 1, 2 | (3 << 2), 2 | (16 << 2)):
    put("FuzzByteStreamSplit", "sel%d" % sel, bytes([sel]) + count + bytes(range(240)))

# Codecs: 3-byte declared size, then the compressed page.
sample = b"".join(b"parquet %d " % i for i in range(400)) + bytes(range(256)) * 4
for codec, target in [("snappy", "FuzzSnappy"), ("gzip", "FuzzGzip"), ("lz4_raw", "FuzzLZ4Raw"), ("zstd", "FuzzZstd"),
                      ("brotli", "FuzzBrotli")]:
    for size in (0, 17, len(sample)):
        page = pa.compress(sample[:size], codec=codec, asbytes=True)
        put(target, "%s-%d" % (codec, size), size.to_bytes(3, "little") + page)
for size in (17, len(sample)):
    block = pa.compress(sample[:size], codec="lz4_raw", asbytes=True)
    hadoop = struct.pack(">II", size, len(block)) + block
    put("FuzzLZ4Hadoop", "hadoop-%d" % size, size.to_bytes(3, "little") + hadoop)
    put("FuzzLZ4Hadoop", "frame-%d" % size, size.to_bytes(3, "little") + pa.compress(sample[:size], codec="lz4", asbytes=True))
print("seed corpora in", corpus)
