// Options of the CSV writer.

import Parquet

/// How ``CSVWriter`` writes fields and rows.
public struct CSVOptions: Sendable, Hashable {
    /// Row terminator.
    public enum LineTerminator: Sendable, Hashable {
        /// `\n` (pyarrow, DuckDB, polars).
        case lf
        /// `\r\n` (RFC 4180, Excel).
        case crlf
    }

    /// Field separator, one ASCII byte: not a letter or digit and none of `" ' . - + : / = space CR LF`
    /// (those appear inside unquoted numbers, dates and base64). Default `,`.
    public var delimiter: UInt8
    /// Text of a null cell. Default empty; a string equal to it is quoted so the two stay apart.
    public var nullText: String
    /// Whether ``CSVWriter/writeHeader()`` writes anything. Default true.
    public var includeHeader: Bool
    /// Prefix string cells starting with `=`, `+`, `-`, `@`, tab or CR with `'`. Default false.
    public var formulaGuard: Bool
    /// Row terminator. Default `\n`.
    public var lineTerminator: LineTerminator

    public init(
        delimiter: UInt8 = 0x2C, nullText: String = "", includeHeader: Bool = true, formulaGuard: Bool = false,
        lineTerminator: LineTerminator = .lf
    ) {
        self.delimiter = delimiter
        self.nullText = nullText
        self.includeHeader = includeHeader
        self.formulaGuard = formulaGuard
        self.lineTerminator = lineTerminator
    }

    /// Checks the delimiter and null text; throws `invalidArgument` when output could not be parsed back.
    public func validate() throws(ParquetError) {
        let d = delimiter
        let isAlphanumeric = (d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x5A) || (d >= 0x61 && d <= 0x7A)
        let reserved: [UInt8] = Array("\"'.-+:/= \r\n".utf8)
        guard d != 0, d < 0x80, !isAlphanumeric, !reserved.contains(d) else {
            throw ParquetError(.invalidArgument, "CSV delimiter \(d) is not allowed: use an ASCII symbol such as , ; | or tab")
        }
        guard !nullText.utf8.contains(where: { $0 == d || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            throw ParquetError(.invalidArgument, "CSV null text must not contain the delimiter, quotes or line breaks")
        }
    }
}
