// Oracle: pyarrow writes a small uncompressed Parquet file with a chosen encoding; a short Python
// script then reads the column chunk's page headers (a minimal Thrift compact reader) and returns
// the raw page bodies together with the values pyarrow wrote. The tests decode those bodies with our
// decoders and compare with pyarrow's values — real writer bytes, without needing a Parquet reader.

import Foundation
import Testing

/// One page of the column chunk, as written by pyarrow.
struct OraclePage: Decodable {
    /// Thrift PageType: 0 DATA_PAGE, 2 DICTIONARY_PAGE, 3 DATA_PAGE_V2.
    var type: Int
    var numValues: Int
    /// Thrift Encoding of the values.
    var encoding: Int
    /// DATA_PAGE_V2 only: byte lengths of the level sections at the start of the body.
    var defLength: Int
    var repLength: Int
    var bodyHex: String

    var body: [UInt8] { hexBytes(bodyHex) }

    enum CodingKeys: String, CodingKey {
        case type, encoding
        case numValues = "num_values", defLength = "def_len", repLength = "rep_len", bodyHex = "body"
    }
}

/// What the oracle wrote: the values (decimal strings for integers, hex bit patterns for floats,
/// hex for byte arrays, "1"/"0" for booleans; nil for nulls) and the pages.
struct OracleColumn: Decodable {
    var values: [String?]
    var pages: [OraclePage]
}

func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(hex.utf8.count / 2)
    var high: UInt8? = nil
    for c in hex.utf8 {
        let v: UInt8 = c <= 57 ? c - 48 : (c | 0x20) - 87
        if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
    }
    return out
}

/// One column for the oracle to write.
struct OracleSpec {
    /// int32, int64, float, double, string, fixed<N>, bool
    var kind: String
    /// A pyarrow column_encoding name, or "DICTIONARY".
    var encoding: String
    var count: Int
    var seed: Int
    var nullable = false
    var pageVersion = "1.0"
    var pageSize = 4096

    var json: [String: Any] {
        ["kind": kind, "encoding": encoding, "count": count, "seed": seed, "nullable": nullable,
         "page_version": pageVersion, "page_size": pageSize]
    }
}

enum PyArrowOracle {
    /// Has pyarrow write each spec's column (one Python process for all) and returns the pages.
    static func columns(_ specs: [OracleSpec]) throws -> [OracleColumn] {
        let specJSON = String(decoding: try JSONSerialization.data(withJSONObject: specs.map(\.json)), as: UTF8.self)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, specJSON]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("pyarrow oracle failed (python3 with pyarrow is required): \(errorText)")
        }
        let columns = try JSONDecoder().decode([OracleColumn].self, from: data)
        guard columns.count == specs.count else { throw TestFailure("oracle returned \(columns.count) columns") }
        return columns
    }

    /// Writes every spec with pyarrow and checks our decoders reproduce pyarrow's values.
    static func check(_ specs: [OracleSpec], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (spec, column) in zip(specs, try columns(specs)) {
            let decoded = try OracleDecoding.decode(column, kind: spec.kind, nullable: spec.nullable)
            #expect(decoded == column.values, "\(spec.kind) \(spec.encoding) nullable \(spec.nullable) v\(spec.pageVersion)",
                    sourceLocation: sourceLocation)
            // The pages really use the encoding under test (for dictionaries: a dictionary page and
            // at least one dictionary-encoded data page).
            if spec.encoding == "DICTIONARY" {
                #expect(column.pages.contains { $0.type == 2 } && column.pages.contains { $0.encoding == 8 || $0.encoding == 2 },
                        sourceLocation: sourceLocation)
            } else {
                let ids = ["PLAIN": 0, "RLE": 3, "DELTA_BINARY_PACKED": 5, "DELTA_LENGTH_BYTE_ARRAY": 6,
                           "DELTA_BYTE_ARRAY": 7, "BYTE_STREAM_SPLIT": 9]
                #expect(!column.pages.isEmpty && column.pages.allSatisfy { $0.encoding == ids[spec.encoding] },
                        sourceLocation: sourceLocation)
            }
        }
    }

    static let script = #"""
import io, json, random, struct, sys, tempfile, os
import pyarrow as pa, pyarrow.parquet as pq

def column(spec):
    rng = random.Random(spec["seed"])
    n, kind = spec["count"], spec["kind"]

    def ints(bits):
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        out, v = [], rng.randint(lo, hi)
        while len(out) < n:
            mode, run = rng.randrange(6), rng.randint(1, 300)
            for _ in range(run):
                if mode == 0: v = rng.randint(lo, hi)                       # full range, wrapping deltas
                elif mode == 1: v = min(hi, max(lo, v + rng.randint(-3, 3)))  # small deltas
                elif mode == 2: pass                                         # constant run
                elif mode == 3: v = rng.choice([lo, hi, 0, -1, 1])           # extremes
                elif mode == 4: v = min(hi, v + rng.randint(0, 1 << rng.randrange(bits - 1)))  # growing
                else: v = rng.randint(-1000, 1000)
                out.append(v)
        return out[:n]

    def floats():
        specials = [0.0, -0.0, float("inf"), float("-inf"), 1.5, -2.25, 1e-300, 3.4e38]
        return [rng.choice(specials) if rng.random() < 0.1 else rng.uniform(-1e6, 1e6) for _ in range(n)]

    words = ["", "a", "ab", "apple", "applesauce", "banana", "band", "bandana", "x" * 300]
    def strings():
        out = []
        for _ in range(n):
            r = rng.random()
            if r < 0.1: out.append("")
            elif r < 0.15: out.append("".join(rng.choice("abcdef") for _ in range(rng.randint(500, 2000))))
            elif r < 0.5: out.append(rng.choice(words) + str(rng.randint(0, 99)))
            else: out.append("".join(rng.choice("abcxyz0123") for _ in range(rng.randint(0, 40))))
        out.sort() if rng.random() < 0.5 else None
        return out

    if kind == "int32": values, typ = ints(32), pa.int32()
    elif kind == "int64": values, typ = ints(64), pa.int64()
    elif kind == "float":
        values, typ = [struct.unpack("<f", struct.pack("<f", max(-3.4e38, min(3.4e38, x)) if x == x and abs(x) != float("inf") else x))[0] for x in floats()], pa.float32()
    elif kind == "double": values, typ = floats(), pa.float64()
    elif kind == "string": values, typ = strings(), pa.string()
    elif kind.startswith("fixed"):
        w = int(kind[5:])
        pool = [bytes(rng.randrange(256) for _ in range(w)) for _ in range(max(1, n // 8))]
        values, typ = [rng.choice(pool) for _ in range(n)], pa.binary(w)
    elif kind == "bool": values, typ = [rng.random() < 0.7 for _ in range(n)], pa.bool_()
    else: raise SystemExit("unknown kind " + kind)

    if spec["nullable"]:
        values = [None if rng.random() < 0.2 else v for v in values]
    field = pa.field("c", typ, nullable=spec["nullable"])
    table = pa.table({"c": pa.array(values, typ)}, schema=pa.schema([field]))

    enc = spec["encoding"]
    kwargs = dict(compression="NONE", data_page_version=spec["page_version"], data_page_size=spec["page_size"],
                  write_statistics=False, write_page_index=False, write_page_checksum=False)
    if enc == "DICTIONARY": kwargs["use_dictionary"] = True
    else: kwargs.update(use_dictionary=False, column_encoding={"c": enc})
    path = os.path.join(tempfile.mkdtemp(), "o.parquet")
    pq.write_table(table, path, **kwargs)
    data = open(path, "rb").read()
    col = pq.ParquetFile(path).metadata.row_group(0).column(0)
    start = col.dictionary_page_offset if col.dictionary_page_offset is not None else col.data_page_offset
    end = start + col.total_compressed_size

    def varint(buf, i):
        r = s = 0
        while True:
            b = buf[i]; i += 1; r |= (b & 0x7F) << s; s += 7
            if b < 0x80: return r, i

    def zz(u): return (u >> 1) ^ -(u & 1)

    def read_value(buf, i, t):
        if t in (1, 2): return t == 1, i
        if t == 3: return buf[i], i + 1
        if t in (4, 5, 6): u, i = varint(buf, i); return zz(u), i
        if t == 7: return None, i + 8
        if t == 8: l, i = varint(buf, i); return buf[i:i + l], i + l
        if t in (9, 10):
            h = buf[i]; i += 1; size, et = h >> 4, h & 15
            if size == 15: size, i = varint(buf, i)
            for _ in range(size): _, i = read_value(buf, i, et)
            return None, i
        if t == 11:
            size, i = varint(buf, i)
            if size:
                kv = buf[i]; i += 1
                for _ in range(size):
                    _, i = read_value(buf, i, kv >> 4); _, i = read_value(buf, i, kv & 15)
            return None, i
        if t == 12: return read_struct(buf, i)
        raise ValueError("thrift type %d" % t)

    def read_struct(buf, i):
        fields, last = {}, 0
        while True:
            h = buf[i]; i += 1
            if h == 0: return fields, i
            d, t = h >> 4, h & 15
            if d: fid = last + d
            else: u, i = varint(buf, i); fid = zz(u)
            last = fid
            fields[fid], i = read_value(buf, i, t)

    pages, pos = [], start
    while pos < end:
        h, pos = read_struct(data, pos)
        size = h[3]
        body = data[pos:pos + size]; pos += size
        ptype = h[1]
        if ptype == 0: sub, dl, rl = h[5], 0, 0
        elif ptype == 2: sub, dl, rl = h[7], 0, 0
        elif ptype == 3: sub = h[8]; dl, rl = sub[5], sub[6]
        else: continue
        encoding = sub[4] if ptype == 3 else sub[2]
        pages.append({"type": ptype, "num_values": sub[1], "encoding": encoding, "def_len": dl, "rep_len": rl,
                      "body": body.hex()})

    def show(v):
        if v is None: return None
        if kind in ("int32", "int64"): return str(v)
        if kind == "float": return struct.pack("<f", v).hex()
        if kind == "double": return struct.pack("<d", v).hex()
        if kind == "string": return v.encode().hex()
        if kind == "bool": return "1" if v else "0"
        return v.hex()

    return {"values": [show(v) for v in values], "pages": pages}

print(json.dumps([column(s) for s in json.loads(sys.argv[1])]))
"""#
}
