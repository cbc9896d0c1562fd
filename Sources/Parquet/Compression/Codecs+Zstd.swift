// ZSTD: one or more zstd frames per page body.

import CZstd

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thread-local slots for reusable zstd contexts: creating a context per page costs as much as
/// decoding a small page. A context is only used inside one synchronous call, so a thread-local
/// one is never shared; it is freed when its thread exits.
let zstdDecompressionContextKey = makeZstdContextKey(zstdFreeDecompressionContext)
/// Thread-local slot for the reusable zstd compression context (see `zstdDecompressionContextKey`).
let zstdCompressionContextKey = makeZstdContextKey(zstdFreeCompressionContext)

#if canImport(Darwin)
/// Argument type of pthread key destructors on this platform.
typealias ZstdContextDestructorArgument = UnsafeMutableRawPointer
#else
/// Argument type of pthread key destructors on this platform.
typealias ZstdContextDestructorArgument = UnsafeMutableRawPointer?
#endif

/// Frees a `ZSTD_DCtx` (pthread key destructor).
func zstdFreeDecompressionContext(_ context: ZstdContextDestructorArgument) { ZSTD_freeDCtx(OpaquePointer(context)) }
/// Frees a `ZSTD_CCtx` (pthread key destructor).
func zstdFreeCompressionContext(_ context: ZstdContextDestructorArgument) { ZSTD_freeCCtx(OpaquePointer(context)) }

/// Creates a pthread key whose values are freed by `free` at thread exit.
private func makeZstdContextKey(_ free: @convention(c) (ZstdContextDestructorArgument) -> Void) -> pthread_key_t? {
    var key = pthread_key_t()
    return pthread_key_create(&key, free) == 0 ? key : nil
}

extension Codecs {
    /// Valid zstd compression levels (negative levels are zstd's fast modes, 0 its default).
    static var zstdLevels: ClosedRange<Int> { Int(ZSTD_minCLevel())...Int(ZSTD_maxCLevel()) }

    /// Decompresses one or more zstd frames (and skippable frames) of exactly `output.count` bytes.
    ///
    /// The one-shot decoder needs no content size in the frame header: it decodes blocks straight
    /// into `output`, bounded by its capacity, so frames written by streaming compressors work too.
    static func zstdDecompress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) throws(DecodeFailure) {
        let context = threadContext(
            zstdDecompressionContextKey, create: { ZSTD_createDCtx() }, destroy: zstdFreeDecompressionContext)
        let produced = if let context {
            ZSTD_decompressDCtx(context, output.codecBase, output.count, input.codecBase, input.count)
        } else {
            ZSTD_decompress(output.codecBase, output.count, input.codecBase, input.count)
        }
        guard ZSTD_isError(produced) == 0 else {
            throw .invalid("ZSTD: corrupt or truncated data, or more than the \(output.count) bytes the page header "
                + "declares (\(String(cString: ZSTD_getErrorName(produced))))")
        }
        guard produced == output.count else {
            throw .invalid("ZSTD: data holds \(produced) bytes, page header declares \(output.count)")
        }
    }

    /// Compresses `input` as one zstd frame (content size recorded) at `level`.
    static func zstdCompress(_ input: UnsafeRawBufferPointer, level: Int32) throws(DecodeFailure) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        guard ZSTD_isError(bound) == 0 else { throw .limit("ZSTD: input of \(input.count) bytes is too large") }
        return try withOutputBuffer(capacity: bound) { output throws(DecodeFailure) in
            let context = threadContext(
                zstdCompressionContextKey, create: { ZSTD_createCCtx() }, destroy: zstdFreeCompressionContext)
            let written = if let context {
                ZSTD_compressCCtx(context, output.codecBase, bound, input.codecBase, input.count, level)
            } else {
                ZSTD_compress(output.codecBase, bound, input.codecBase, input.count, level)
            }
            guard ZSTD_isError(written) == 0 else {
                throw .codec("ZSTD: compression failed (\(String(cString: ZSTD_getErrorName(written))))")
            }
            return written
        }
    }

    /// This thread's context stored under `key`, created by `create` on first use; nil if the key or
    /// the context could not be created (callers then use zstd's one-shot functions).
    @inline(__always)
    static func threadContext(
        _ key: pthread_key_t?, create: () -> OpaquePointer?, destroy: (ZstdContextDestructorArgument) -> Void
    ) -> OpaquePointer? {
        guard let key else { return nil }
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        guard let created = create() else { return nil }
        guard pthread_setspecific(key, UnsafeRawPointer(created)) == 0 else {
            destroy(UnsafeMutableRawPointer(created))
            return nil
        }
        return created
    }
}
