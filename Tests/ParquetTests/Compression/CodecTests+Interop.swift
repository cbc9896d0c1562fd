import Foundation
import Testing
@testable import Parquet

/// Interoperability with other producers and consumers: Python's zlib/gzip, pyarrow (Arrow C++),
/// cramjam (Rust snap/brotli and C lz4/zstd bindings), and pages of real files from parquet-testing.
extension CodecTests {
    /// Inputs sent to the Python oracles.
    static func interopInputs() -> [CodecTestSupport.Record] {
        let cases: [(CodecTestSupport.Shape, Int)] = [
            (.zeros, 0), (.random, 1), (.repetitive, 1000), (.semiCompressible, 200_000),
            (.random, 300_000), (.repetitive, 600_000),
        ]
        return cases.enumerated().map { index, shapeAndSize in
            CodecTestSupport.Record(
                label: "\(index)", payload: CodecTestSupport.data(shapeAndSize.0, count: shapeAndSize.1, seed: UInt64(index)))
        }
    }

    @Test("decompresses what Python, pyarrow and cramjam produce, including multi-member and multi-frame layouts")
    func decodesForeignProducers() throws {
        let inputs = Self.interopInputs()
        let records = try CodecTestSupport.runPython(#"""
            import gzip, zlib, cramjam, pyarrow as pa
            def pa_c(d, codec): return pa.compress(d, codec=codec, asbytes=True)
            def zstd_stream(d):
                sink = pa.BufferOutputStream()
                with pa.CompressedOutputStream(sink, 'zstd') as s: s.write(d)
                return sink.getvalue().to_pybytes()
            def hadoop(d, block, chunk):
                # Hadoop BlockCompressorStream: per block [u32 BE size], then chunks [u32 BE len][lz4 block].
                out = b''
                for b in range(0, max(len(d), 1), block):
                    blk = d[b:b + block]
                    out += struct.pack('>I', len(blk))
                    for c in range(0, max(len(blk), 1), chunk):
                        comp = pa_c(blk[c:c + chunk], 'lz4_raw')
                        out += struct.pack('>I', len(comp)) + comp
                return out
            out = []
            for label, d in read_records(sys.argv[1]):
                h = len(d) // 2
                variants = {
                    'gzip|python-gzip': gzip.compress(d),
                    'gzip|python-zlib-format': zlib.compress(d),
                    'gzip|pyarrow': pa_c(d, 'gzip'),
                    'gzip|two-members': gzip.compress(d[:h]) + gzip.compress(d[h:]),
                    'gzip|empty-member-first': gzip.compress(b'') + gzip.compress(d[:h]) + gzip.compress(d[h:], 1),
                    'gzip|zero-padding': gzip.compress(d) + bytes(16),
                    'snappy|pyarrow': pa_c(d, 'snappy'),
                    'snappy|cramjam': bytes(cramjam.snappy.compress_raw(d)),
                    'lz4|hadoop-one-block': hadoop(d, 1 << 30, 1 << 30),
                    'lz4|hadoop-blocks-and-chunks': hadoop(d, 65536, 20000),
                    'lz4|raw-block': pa_c(d, 'lz4_raw'),
                    'lz4|frame': pa_c(d, 'lz4'),
                    'lz4|two-frames': pa_c(d[:h], 'lz4') + pa_c(d[h:], 'lz4'),
                    'lz4Raw|pyarrow': pa_c(d, 'lz4_raw'),
                    'lz4Raw|cramjam': bytes(cramjam.lz4.compress_block(d, store_size=False)),
                    'zstd|pyarrow': pa_c(d, 'zstd'),
                    'zstd|cramjam-level-19': bytes(cramjam.zstd.compress(d, level=19)),
                    'zstd|stream-no-content-size': zstd_stream(d),
                    'zstd|two-frames': pa_c(d[:h], 'zstd') + zstd_stream(d[h:]),
                    'brotli|pyarrow': pa_c(d, 'brotli'),
                    'brotli|cramjam': bytes(cramjam.brotli.compress(d, level=9)),
                }
                for name, blob in variants.items():
                    out.append((name + '|' + label, blob))
            write_records(sys.argv[2], out)
            """#, inputs: inputs)
        #expect(records.count == inputs.count * 21)
        for record in records {
            let parts = record.label.split(separator: "|").map(String.init)
            let codec = try #require(CodecTestSupport.codec(named: parts[0]))
            let original = inputs[try #require(Int(parts[2]))].payload
            #expect(CodecTestSupport.sameBytes(try Self.decompress(codec, record.payload, size: original.count), original), "\(record.label)")
            #expect(CodecTestSupport.sameBytes(try Self.decompressInto(codec, record.payload, size: original.count), original), "\(record.label)")
        }
    }

    @Test("Python, pyarrow and cramjam decompress what we produce, at default and explicit levels")
    func foreignConsumersDecode() throws {
        let inputs = Self.interopInputs()
        let settings: [(CompressionCodec, Int?)] = [
            (.snappy, nil), (.gzip, nil), (.gzip, 1), (.brotli, nil), (.brotli, 4), (.lz4, nil), (.lz4, 9),
            (.zstd, nil), (.zstd, 12), (.lz4Raw, nil), (.lz4Raw, 12),
        ]
        var records: [CodecTestSupport.Record] = []
        for (index, input) in inputs.enumerated() {
            for (codec, level) in settings {
                let label = "\(CodecTestSupport.name(of: codec))|\(level.map(String.init) ?? "default")|\(index)|\(input.payload.count)"
                records.append(.init(label: label, payload: try Self.compress(codec, input.payload, level: level)))
            }
        }
        let decoded = try CodecTestSupport.runPython(#"""
            import gzip, zlib, cramjam, pyarrow as pa
            def pa_d(b, codec, n): return pa.decompress(b, decompressed_size=n, codec=codec, asbytes=True)
            def hadoop(b, n):
                # One or more blocks: [u32 BE size], then [u32 BE len][lz4 block] chunks until size is reached.
                out, pos = b'', 0
                while pos < len(b):
                    (size,) = struct.unpack_from('>I', b, pos); pos += 4
                    block = b''
                    while True:
                        (clen,) = struct.unpack_from('>I', b, pos); pos += 4
                        block += pa_d(b[pos:pos + clen], 'lz4_raw', size - len(block)); pos += clen
                        if len(block) >= size: break
                    out += block
                assert len(out) == n
                return out
            out = []
            for label, b in read_records(sys.argv[1]):
                codec, level, index, n = label.split('|'); n = int(n)
                results = []
                if codec == 'snappy':
                    results = [pa_d(b, 'snappy', n), bytes(cramjam.snappy.decompress_raw(b))]
                elif codec == 'gzip':
                    results = [gzip.decompress(b), pa_d(b, 'gzip', n)]
                    assert b[:2] == b'\x1f\x8b', 'gzip header'
                elif codec == 'brotli':
                    results = [pa_d(b, 'brotli', n), bytes(cramjam.brotli.decompress(b))]
                elif codec == 'lz4':
                    results = [hadoop(b, n)]
                elif codec == 'lz4Raw':
                    results = [pa_d(b, 'lz4_raw', n), bytes(cramjam.lz4.decompress_block(b, output_len=n))]
                elif codec == 'zstd':
                    results = [pa_d(b, 'zstd', n), bytes(cramjam.zstd.decompress(b))]
                for i, r in enumerate(results):
                    out.append((label + '|' + str(i), r))
            write_records(sys.argv[2], out)
            """#, inputs: records)
        #expect(decoded.count == inputs.count * (settings.count * 2 - 2))
        for record in decoded {
            let parts = record.label.split(separator: "|").map(String.init)
            let original = inputs[try #require(Int(parts[2]))].payload
            #expect(CodecTestSupport.sameBytes(record.payload, original), "\(record.label)")
        }
    }

    @Test("decompresses every page of real files from parquet-testing (Hadoop LZ4, raw LZ4 labelled LZ4, concatenated gzip members, ...)")
    func parquetTestingPages() throws {
        let directory = CodecTestSupport.parquetTestingData
        let files = [
            "concatenated_gzip_members.parquet", "hadoop_lz4_compressed.parquet", "hadoop_lz4_compressed_larger.parquet",
            "non_hadoop_lz4_compressed.parquet", "lz4_raw_compressed.parquet", "lz4_raw_compressed_larger.parquet",
            "byte_stream_split.zstd.parquet", "byte_stream_split_extended.gzip.parquet", "alltypes_plain.snappy.parquet",
            "datapage_v2.snappy.parquet", "page_v2_empty_compressed.parquet", "datapage_v2_empty_datapage.snappy.parquet",
            "large_string_map.brotli.parquet",
        ]
        let inputs = files.map { CodecTestSupport.Record(label: directory.appendingPathComponent($0).path, payload: []) }
        // For each compressed page: a record "file|page|codec|uncompressedSize|body" holding the body,
        // then "...|oracle" holding the uncompressed bytes (not sent for pages above 64 MiB).
        let records = try CodecTestSupport.runPython(#"""
            import os, zlib, cramjam, fastparquet
            from fastparquet.core import ThriftObject
            from fastparquet import encoding
            def gunzip(b):
                out, d = b'', zlib.decompressobj(47)
                while True:
                    out += d.decompress(b)
                    b = d.unused_data
                    if not b or not any(b): return out
                    d = zlib.decompressobj(47)
            def lz4_hadoop_or_raw(b, n):
                pos, out = 0, b''
                try:
                    while len(b) - pos >= 8:
                        size, clen = struct.unpack_from('>II', b, pos); pos += 8
                        if clen > len(b) - pos: raise ValueError('framing')
                        out += bytes(cramjam.lz4.decompress_block(b[pos:pos + clen], output_len=size)); pos += clen
                    if pos == len(b) and len(out) == n: return out
                except Exception:
                    pass
                return bytes(cramjam.lz4.decompress_block(b, output_len=n))
            oracle = {
                1: lambda b, n: bytes(cramjam.snappy.decompress_raw(b)),
                2: lambda b, n: gunzip(b),
                4: lambda b, n: bytes(cramjam.brotli.decompress(b)),
                5: lz4_hadoop_or_raw,
                6: lambda b, n: bytes(cramjam.zstd.decompress(b)),
                7: lambda b, n: bytes(cramjam.lz4.decompress_block(b, output_len=n)),
            }
            out = []
            for path, _ in read_records(sys.argv[1]):
                pf = fastparquet.ParquetFile(path)
                f = open(path, 'rb')
                page = 0
                for rg in pf.row_groups:
                    for col in rg.columns:
                        cmd = col.meta_data
                        f.seek(min(cmd.dictionary_page_offset or cmd.data_page_offset, cmd.data_page_offset))
                        buf = f.read(cmd.total_compressed_size)
                        io = encoding.NumpyIO(buf)
                        while io.tell() < len(buf):
                            ph = ThriftObject.from_buffer(io, 'PageHeader')
                            body = buf[io.tell():io.tell() + ph.compressed_page_size]
                            io.seek(ph.compressed_page_size, 1)
                            n = ph.uncompressed_page_size
                            v2 = ph.data_page_header_v2
                            if v2 is not None:
                                levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length
                                body, n = body[levels:], n - levels
                                if v2.is_compressed is False: continue
                            label = '|'.join([os.path.basename(path), str(page), str(cmd.codec), str(n)])
                            out.append((label + '|body', body))
                            if n <= 64 << 20:
                                expected = oracle[cmd.codec](body, n) if body or n else b''
                                assert len(expected) == n, label
                                out.append((label + '|oracle', expected))
                            page += 1
            write_records(sys.argv[2], out)
            """#, inputs: inputs)

        var pagesPerFile: [String: Int] = [:]
        var index = 0
        while index < records.count {
            let body = records[index]
            let parts = body.label.split(separator: "|").map(String.init)
            let codec = CompressionCodec(rawValue: try #require(Int32(parts[2])))
            let size = try #require(Int(parts[3]))
            pagesPerFile[parts[0], default: 0] += 1
            if index + 1 < records.count && records[index + 1].label.hasSuffix("|oracle") {
                let expected = records[index + 1].payload
                #expect(CodecTestSupport.sameBytes(try Self.decompress(codec, body.payload, size: size), expected), "\(body.label)")
                index += 2
            } else {
                // Only large_string_map.brotli has one: its 1 GiB + 4 byte dictionary page is over the default limit.
                #expect(size > 1 << 30, "\(body.label)")
                #expect(Self.failureKind { () throws(DecodeFailure) in try Self.decompress(codec, body.payload, size: size) } == "limit")
                index += 1
            }
        }
        #expect(Set(pagesPerFile.keys) == Set(files), "every file yields compressed pages")
        #expect(pagesPerFile["hadoop_lz4_compressed_larger.parquet"] == 1)
    }
}
