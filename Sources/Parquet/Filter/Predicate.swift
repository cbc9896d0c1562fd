/// A row filter: a tree of comparisons of leaf columns with literals, combined with AND / OR / NOT.
///
/// Build one in Swift (`.equal("well_id", 42) && .greaterOrEqual("ts", .timestamp("2024-01-01"))`) or
/// parse the `--where` language with `Predicate(parsing:)`. Before use it is bound to a file's schema
/// (`ParquetFile.scan(filter:…)` does that), which checks that every column exists, is not repeated, and
/// that every literal fits the column's type. Evaluation follows SQL: a comparison with a null is
/// unknown, unknown rows are not selected, and `NOT unknown` stays unknown. Floating-point NaN is
/// equal to itself and greater than every other value (as in DuckDB and PostgreSQL).
public indirect enum Predicate: Sendable, Hashable {
    /// `column op literal`.
    case compare(Column, ComparisonOperator, Literal)
    /// `column IN (literals…)`.
    case isIn(Column, [Literal])
    /// `column IS NULL`.
    case isNull(Column)
    /// `column IS NOT NULL`.
    case isNotNull(Column)
    /// `column BETWEEN low AND high` (both ends included).
    case between(Column, Literal, Literal)
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)

    /// The comparison operators.
    public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// The operator with its operands swapped (`a < b` ⇔ `b > a`).
        public var swapped: ComparisonOperator {
            switch self {
            case .equal, .notEqual: self
            case .less: .greater
            case .lessOrEqual: .greaterOrEqual
            case .greater: .less
            case .greaterOrEqual: .lessOrEqual
            }
        }
    }

    /// A leaf column named by its path (a nested struct field has several components).
    public struct Column: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        public var path: [String]
        /// Character offset in the parsed expression (nil when built in Swift); not part of equality.
        public var position: Int?

        public init(path: [String], position: Int? = nil) {
            self.path = path
            self.position = position
        }

        /// A dotted name: `"a.b"` is field `b` of struct `a`.
        public init(_ dotted: String) {
            self.init(path: dotted.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        }

        public init(stringLiteral value: String) { self.init(value) }

        public var description: String { path.joined(separator: ".") }

        public static func == (a: Column, b: Column) -> Bool { a.path == b.path }
        public func hash(into h: inout Hasher) { h.combine(path) }
    }

    /// A literal value. Its meaning is fixed when the predicate is bound to a column: `42` compared with a
    /// DOUBLE column is 42.0, `'2024-01-01'` compared with a DATE column is that date.
    public struct Literal: Sendable, Hashable, CustomStringConvertible,
        ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
        public enum Kind: Sendable, Hashable {
            /// An exact decimal number (integers are decimals of scale 0): `42`, `-1.25`, `18446744073709551615`.
            case number(DecimalNumber)
            /// A binary floating-point number (`1e3`, `NaN`, `Infinity`, or built from a Swift `Double`).
            case double(Double)
            case string(String)
            case binary([UInt8])
            case boolean(Bool)
            /// Days since 1970-01-01.
            case date(Int32)
            /// A point in time: seconds since the Unix epoch (UTC) and nanoseconds within the second (0 ..< 1e9).
            /// A literal written without a zone offset is taken as UTC (and as wall-clock time for columns
            /// that are not adjusted to UTC).
            case timestamp(seconds: Int64, nanoseconds: Int32)
            /// Time of day in nanoseconds since midnight.
            case time(Int64)
        }

        public var kind: Kind
        /// Character offset in the parsed expression (nil when built in Swift); not part of equality.
        public var position: Int?

        public init(_ kind: Kind, position: Int? = nil) {
            self.kind = kind
            self.position = position
        }

        public init(integerLiteral value: Int64) { self.init(.number(DecimalNumber(value))) }
        public init(floatLiteral value: Double) { self.init(.double(value)) }
        public init(stringLiteral value: String) { self.init(.string(value)) }
        public init(booleanLiteral value: Bool) { self.init(.boolean(value)) }

        public static func integer<T: BinaryInteger>(_ v: T) -> Literal { Literal(.number(DecimalNumber(v))) }
        public static func double(_ v: Double) -> Literal { Literal(.double(v)) }
        public static func string(_ v: String) -> Literal { Literal(.string(v)) }
        public static func binary(_ v: [UInt8]) -> Literal { Literal(.binary(v)) }
        public static func boolean(_ v: Bool) -> Literal { Literal(.boolean(v)) }
        /// An exact decimal from its text (`"-12.345"`); throws when the text is not a decimal number.
        public static func decimal(_ text: String) throws -> Literal {
            guard let d = DecimalNumber(text) else { throw ParquetError(.invalidArgument, "'\(text)' is not a decimal number") }
            return Literal(.number(d))
        }
        /// A date from `YYYY-MM-DD`.
        public static func date(_ text: String) throws -> Literal {
            guard let d = TemporalText.date(text) else { throw ParquetError(.invalidArgument, "'\(text)' is not a date (YYYY-MM-DD)") }
            return Literal(.date(d))
        }
        public static func date(daysSinceEpoch: Int32) -> Literal { Literal(.date(daysSinceEpoch)) }
        /// A timestamp from `YYYY-MM-DD[ HH:MM[:SS[.fffffffff]]][Z|±HH:MM]`.
        public static func timestamp(_ text: String) throws -> Literal {
            guard let t = TemporalText.timestamp(text) else {
                throw ParquetError(.invalidArgument, "'\(text)' is not a timestamp (YYYY-MM-DD HH:MM:SS[.fff][±HH:MM])")
            }
            return Literal(.timestamp(seconds: t.seconds, nanoseconds: t.nanoseconds))
        }
        /// A timestamp of `value` units since the Unix epoch.
        public static func timestamp(_ value: Int64, unit: TimeUnit) -> Literal {
            let (s, r) = value.quotientAndRemainder(dividingBy: unit.perSecond)
            let nanosPerUnit = 1_000_000_000 / unit.perSecond
            return r < 0 ? Literal(.timestamp(seconds: s - 1, nanoseconds: Int32((r + unit.perSecond) * nanosPerUnit)))
                : Literal(.timestamp(seconds: s, nanoseconds: Int32(r * nanosPerUnit)))
        }
        /// A time of day from `HH:MM[:SS[.fffffffff]]`.
        public static func time(_ text: String) throws -> Literal {
            guard let t = TemporalText.time(text) else { throw ParquetError(.invalidArgument, "'\(text)' is not a time of day (HH:MM:SS[.fff])") }
            return Literal(.time(t))
        }

        public var description: String {
            switch kind {
            case .number(let d): d.description
            case .double(let d):
                // Keep the exponent so the text parses back as a double, not an exact decimal.
                d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity")
                    : "\(d)".contains("e") ? "\(d)" : "\(d)e0"
            case .string(let s): "'\(Self.doubling("'", in: s))'"
            case .binary(let b): "X'\(b.map { String($0, radix: 16) }.joined())'"
            case .boolean(let b): b ? "TRUE" : "FALSE"
            case .date(let d): "DATE '\(TemporalText.format(days: Int64(d)))'"
            case .timestamp(let s, let n): "TIMESTAMP '\(TemporalText.format(seconds: s, nanoseconds: n))'"
            case .time(let n): "TIME '\(n / 3_600_000_000_000):\((n / 60_000_000_000) % 60):\((n / 1_000_000_000) % 60)'"
            }
        }

        /// A short name of the literal's type, for messages.
        var typeName: String {
            switch kind {
            case .number(let d): d.scale == 0 ? "integer" : "decimal"
            case .double: "double"
            case .string: "string"
            case .binary: "binary"
            case .boolean: "boolean"
            case .date: "date"
            case .timestamp: "timestamp"
            case .time: "time"
            }
        }

        /// `text` with every `quote` doubled (SQL quoting).
        static func doubling(_ quote: Character, in text: String) -> String {
            var out = ""
            for ch in text {
                out.append(ch)
                if ch == quote { out.append(ch) }
            }
            return out
        }

        /// Equal kinds; NaN equals NaN here (a literal is a value, not an IEEE comparison).
        public static func == (a: Literal, b: Literal) -> Bool {
            if case .double(let x) = a.kind, case .double(let y) = b.kind, x.isNaN, y.isNaN { return true }
            return a.kind == b.kind
        }

        public func hash(into h: inout Hasher) {
            if case .double(let x) = kind, x.isNaN { h.combine("NaN") } else { h.combine(kind) }
        }
    }

    // Swift conveniences.
    public static func equal(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .equal, v) }
    public static func notEqual(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .notEqual, v) }
    public static func less(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .less, v) }
    public static func lessOrEqual(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .lessOrEqual, v) }
    public static func greater(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .greater, v) }
    public static func greaterOrEqual(_ c: Column, _ v: Literal) -> Predicate { .compare(c, .greaterOrEqual, v) }

    public static func && (a: Predicate, b: Predicate) -> Predicate { .and(a, b) }
    public static func || (a: Predicate, b: Predicate) -> Predicate { .or(a, b) }
    public static prefix func ! (a: Predicate) -> Predicate { .not(a) }

    /// Every column the predicate mentions, in first-mention order.
    public var columns: [Column] {
        var out: [Column] = []
        func visit(_ p: Predicate) {
            switch p {
            case .compare(let c, _, _), .isIn(let c, _), .isNull(let c), .isNotNull(let c), .between(let c, _, _):
                if !out.contains(c) { out.append(c) }
            case .and(let a, let b), .or(let a, let b): visit(a); visit(b)
            case .not(let a): visit(a)
            }
        }
        visit(self)
        return out
    }
}

extension Predicate: CustomStringConvertible {
    /// The predicate in the `--where` language (fully parenthesised).
    public var description: String {
        func col(_ c: Column) -> String {
            c.path.map { p in
                p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !(p.first?.isNumber ?? true)
                    ? p : "\"\(Literal.doubling("\"", in: p))\""
            }.joined(separator: ".")
        }
        switch self {
        case .compare(let c, let op, let v): return "\(col(c)) \(op.rawValue) \(v)"
        case .isIn(let c, let vs): return "\(col(c)) IN (\(vs.map(\.description).joined(separator: ", ")))"
        case .isNull(let c): return "\(col(c)) IS NULL"
        case .isNotNull(let c): return "\(col(c)) IS NOT NULL"
        case .between(let c, let lo, let hi): return "\(col(c)) BETWEEN \(lo) AND \(hi)"
        case .and(let a, let b): return "(\(a) AND \(b))"
        case .or(let a, let b): return "(\(a) OR \(b))"
        case .not(let a): return "NOT (\(a))"
        }
    }
}
