/// Failure while decoding Thrift compact-protocol bytes. Internal; converted to `ParquetError` by callers
/// that know which structure (footer, page header, page index) and which file offset was being read.
@usableFromInline
enum ThriftError: Error, Sendable, Equatable {
    /// Input ended early at the given position.
    case truncated(at: Int)
    /// The bytes are not valid compact protocol (bad type id, overlong varint…), at the given position.
    case invalid(String, at: Int)
    /// Nesting deeper than allowed.
    case tooDeep(at: Int)
    /// A required field of a struct was absent.
    case missingField(structName: String, field: String)

    var message: String {
        switch self {
        case .truncated(let at): "Thrift data truncated at byte \(at)"
        case .invalid(let what, let at): "invalid Thrift data at byte \(at): \(what)"
        case .tooDeep(let at): "Thrift nesting too deep at byte \(at)"
        case .missingField(let s, let f): "required field \(s).\(f) is missing"
        }
    }

    /// Position within the decoded buffer, when known.
    var position: Int? {
        switch self {
        case .truncated(let at), .invalid(_, let at), .tooDeep(let at): at
        case .missingField: nil
        }
    }

    /// Converts to the public error, `base` being the file offset of the buffer's first byte.
    func parquetError(_ what: String, base: Int64?, columnPath: String? = nil) -> ParquetError {
        let offset: Int64? = base.map { b in b + Int64(position ?? 0) }
        return ParquetError(.corrupt, "\(what): \(message)", columnPath: columnPath, offset: offset)
    }
}
