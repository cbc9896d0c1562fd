import CZlib

/// CRC32 of page bodies (zlib's polynomial, as parquet.thrift's `PageHeader.crc` specifies).
enum PageChecksum {
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { b in
            // zlib takes a uInt length; pages are below 2^31 bytes (checked by the writer before).
            UInt32(truncatingIfNeeded: CZlib.crc32(0, b.baseAddress, UInt32(b.count)))
        }
    }
}
