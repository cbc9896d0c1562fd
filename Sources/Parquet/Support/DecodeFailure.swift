// Small internal error used with typed throws in hot decode paths. It is converted to
// `ParquetError` once, at the page/column boundary, where the column path and offset are known.

@usableFromInline
enum DecodeFailure: Error, Sendable, Equatable {
    /// Input ended early: `needed` bytes were required, `available` remained.
    case truncated(needed: Int, available: Int)
    /// The bytes are invalid for the encoding; the string says why.
    case invalid(String)
    /// A declared size exceeds a limit.
    case limit(String)
    /// A compression library failed.
    case codec(String)
    /// The encoding/codec/type combination is not implemented.
    case unsupported(String)

    func parquetError(columnPath: String? = nil, offset: Int64? = nil) -> ParquetError {
        switch self {
        case .truncated(let needed, let available):
            return ParquetError(.corrupt, "unexpected end of data: needed \(needed) bytes, \(available) available",
                                columnPath: columnPath, offset: offset)
        case .invalid(let m): return ParquetError(.corrupt, m, columnPath: columnPath, offset: offset)
        case .limit(let m): return ParquetError(.limitExceeded, m, columnPath: columnPath, offset: offset)
        case .codec(let m): return ParquetError(.compression, m, columnPath: columnPath, offset: offset)
        case .unsupported(let m): return ParquetError(.unsupported, m, columnPath: columnPath, offset: offset)
        }
    }
}
