import Foundation
import Testing
@testable import Parquet

@Suite("Footer and hostile files")
struct FooterTests {
    static let magic = Array("PAR1".utf8)

    static func open(_ bytes: [UInt8]) async throws -> ParquetFile {
        try await ParquetFile.open(source: MemoryByteSource(bytes))
    }

    static func code(_ bytes: [UInt8]) async -> ParquetError.Code? {
        do {
            let f = try await open(bytes)
            for g in 0 ..< f.rowGroupCount { _ = try await f.readRowGroup(g) }
            return nil
        } catch let e as ParquetError {
            return e.code
        } catch {
            return ParquetError.Code(rawValue: "non-ParquetError \(error)")
        }
    }

    @Test func tooSmallOrWrongMagic() async {
        #expect(await Self.code([]) == .notParquet)
        #expect(await Self.code(Self.magic + Self.magic) == .notParquet)
        #expect(await Self.code(Self.magic + [0, 0, 0, 0] + Array("PAR2".utf8)) == .notParquet)
        #expect(await Self.code(Array("XXXX".utf8) + [0, 0, 0, 0] + Self.magic) == .notParquet)
    }

    @Test func encryptedFooterIsRefusedClearly() async throws {
        await #expect(throws: ParquetError.self) { _ = try await Self.open(Self.magic + [1, 2, 3, 4] + [4, 0, 0, 0] + Array("PARE".utf8)) }
        #expect(await Self.code(Self.magic + [1, 2, 3, 4] + [4, 0, 0, 0] + Array("PARE".utf8)) == .encrypted)
        // Real encrypted files of the corpus: encrypted footer, or plaintext footer with encrypted columns.
        let enc = TestSupport.corpusFile("uniform_encryption.parquet.encrypted")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: enc)))
        #expect(await Self.code(bytes) == .encrypted)
        let plain = TestSupport.corpusFile("encrypt_columns_plaintext_footer.parquet.encrypted")
        #expect(await Self.code([UInt8](try Data(contentsOf: URL(fileURLWithPath: plain)))) == .encrypted)
    }

    @Test func footerLengthBeyondFile() async {
        #expect(await Self.code(Self.magic + [0, 0, 0, 0] + [0xFF, 0xFF, 0xFF, 0x7F] + Self.magic) == .corrupt)
        #expect(await Self.code(Self.magic + [0xFF, 0xFF, 0xFF, 0xFF] + Self.magic) == .corrupt)
    }

    @Test func garbageFooter() async {
        let footer: [UInt8] = [0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00]
        #expect(await Self.code(Self.magic + footer + [UInt8(footer.count), 0, 0, 0] + Self.magic) == .corrupt)
    }

    /// Every truncation of a real file's footer and a sweep of byte corruptions fail with a
    /// ParquetError or read; none crashes (a trap would end the test process).
    @Test(arguments: ["alltypes_plain.parquet", "alltypes_tiny_pages_plain.parquet", "datapage_v2.snappy.parquet"])
    func mutatedFilesNeverCrash(_ name: String) async throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TestSupport.corpusFile(name))))
        var rng = SplitMix64(seed: 42)
        var errors = 0
        for trial in 0 ..< 120 {
            var bytes = original
            switch trial % 3 {
            case 0:  // flip bytes anywhere
                for _ in 0 ..< 1 + Int(rng.next() % 4) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    bytes[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            case 1:  // corrupt the footer region
                let i = bytes.count - 8 - Int(rng.next() % UInt64(min(bytes.count - 8, 600)))
                bytes[i] = [0x00, 0xFF, 0x7F, 0x80][Int(rng.next() % 4)]
            default:  // truncate
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count))))
            }
            if await Self.code(bytes) != nil { errors += 1 }
        }
        #expect(errors > 20)
    }
}
