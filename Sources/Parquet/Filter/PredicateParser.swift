/// Parser of the `--where` language into a `Predicate`.
///
/// ```
/// expr      := or
/// or        := and (OR and)*
/// and       := not (AND not)*
/// not       := NOT not | '(' expr ')' | condition
/// condition := column op literal | literal op column
///            | column [NOT] IN '(' literal (',' literal)* ')'
///            | column IS [NOT] NULL
///            | column [NOT] BETWEEN literal AND literal
/// column    := name ('.' name)*        name := identifier | "quoted identifier"
/// literal   := number | 'string' | TRUE | FALSE | DATE 'YYYY-MM-DD' | TIMESTAMP '…' | TIME '…'
///            | X'hex' | NaN | Infinity | -Infinity
/// op        := = | == | != | <> | < | <= | > | >=
/// ```
/// Keywords are case-insensitive. Errors name the character offset (0-based) and what was expected.
public struct PredicateParser {
    enum Token: Equatable {
        case identifier(String)       // bare word (keywords are identifiers compared case-insensitively)
        case quotedIdentifier(String)
        case string(String)
        case number(String)
        case symbol(String)           // ( ) , . = != <> < <= > >= ==
        case end
    }

    let text: [Character]
    var tokens: [(token: Token, position: Int)] = []
    var index = 0

    /// Parses an expression.
    public static func parse(_ expression: String) throws -> Predicate {
        var p = try PredicateParser(expression)
        let result = try p.parseOr()
        guard case .end = p.current else { throw p.error("expected AND, OR or the end of the expression") }
        return result
    }

    init(_ expression: String) throws {
        text = Array(expression)
        try tokenize()
    }

    static func error(_ position: Int, _ message: String) -> ParquetError {
        ParquetError(.invalidArgument, "filter expression, at character \(position): \(message)")
    }

    func error(_ message: String) -> ParquetError {
        let (t, pos) = tokens[index]
        return Self.error(pos, "\(message), found \(Self.describe(t))")
    }

    static func describe(_ t: Token) -> String {
        switch t {
        case .identifier(let s): "'\(s)'"
        case .quotedIdentifier(let s): "\"\(s)\""
        case .string(let s): "string '\(s)'"
        case .number(let s): "number \(s)"
        case .symbol(let s): "'\(s)'"
        case .end: "the end of the expression"
        }
    }

    // MARK: Tokens

    mutating func tokenize() throws {
        var i = 0
        while i < text.count {
            let c = text[i]
            if c.isWhitespace { i += 1; continue }
            let start = i
            if c == "'" || c == "\"" {
                var s = ""
                i += 1
                while true {
                    guard i < text.count else {
                        throw Self.error(start, c == "'" ? "unterminated string literal" : "unterminated quoted identifier")
                    }
                    if text[i] == c {
                        if i + 1 < text.count && text[i + 1] == c { s.append(c); i += 2; continue }
                        i += 1
                        break
                    }
                    s.append(text[i])
                    i += 1
                }
                tokens.append((c == "'" ? .string(s) : .quotedIdentifier(s), start))
            } else if c.isNumber && c.isASCII || (c == "." && i + 1 < text.count && text[i + 1].isASCII && text[i + 1].isNumber) {
                var s = ""
                while i < text.count, text[i].isASCII, text[i].isNumber || text[i] == "." { s.append(text[i]); i += 1 }
                if i < text.count, text[i] == "e" || text[i] == "E" {
                    var j = i + 1
                    var e = "e"
                    if j < text.count, text[j] == "+" || text[j] == "-" { e.append(text[j]); j += 1 }
                    guard j < text.count, text[j].isASCII, text[j].isNumber else { throw Self.error(j, "expected the digits of an exponent") }
                    while j < text.count, text[j].isASCII, text[j].isNumber { e.append(text[j]); j += 1 }
                    s += e
                    i = j
                }
                guard s.filter({ $0 == "." }).count <= 1 else { throw Self.error(start, "malformed number '\(s)'") }
                tokens.append((.number(s), start))
            } else if c.isLetter || c == "_" {
                var s = ""
                while i < text.count, text[i].isLetter || text[i].isNumber || text[i] == "_" || text[i] == "$" { s.append(text[i]); i += 1 }
                tokens.append((.identifier(s), start))
            } else {
                let two = i + 1 < text.count ? String([c, text[i + 1]]) : ""
                if ["<=", ">=", "!=", "<>", "=="].contains(two) {
                    tokens.append((.symbol(two), start))
                    i += 2
                } else if "(),.=<>-+".contains(c) {
                    tokens.append((.symbol(String(c)), start))
                    i += 1
                } else {
                    throw Self.error(start, "unexpected character '\(c)'")
                }
            }
        }
        tokens.append((.end, text.count))
    }

    var current: Token { tokens[index].token }
    var position: Int { tokens[index].position }

    func isKeyword(_ k: String) -> Bool {
        if case .identifier(let s) = current { return s.uppercased() == k }
        return false
    }

    mutating func accept(keyword k: String) -> Bool {
        if isKeyword(k) { index += 1; return true }
        return false
    }

    mutating func accept(symbol s: String) -> Bool {
        if current == .symbol(s) { index += 1; return true }
        return false
    }

    mutating func expect(keyword k: String) throws {
        guard accept(keyword: k) else { throw error("expected \(k)") }
    }

    mutating func expect(symbol s: String) throws {
        guard accept(symbol: s) else { throw error("expected '\(s)'") }
    }

    static let reserved: Set<String> = ["AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "TRUE", "FALSE"]

    // MARK: Grammar

    mutating func parseOr() throws -> Predicate {
        var left = try parseAnd()
        while accept(keyword: "OR") { left = .or(left, try parseAnd()) }
        return left
    }

    mutating func parseAnd() throws -> Predicate {
        var left = try parseNot()
        while accept(keyword: "AND") { left = .and(left, try parseNot()) }
        return left
    }

    mutating func parseNot() throws -> Predicate {
        if accept(keyword: "NOT") { return .not(try parseNot()) }
        if accept(symbol: "(") {
            let inner = try parseOr()
            try expect(symbol: ")")
            return inner
        }
        return try parseCondition()
    }

    /// Whether the current token starts a literal rather than a column.
    var atLiteral: Bool {
        switch current {
        case .string, .number: return true
        case .symbol(let s): return s == "-" || s == "+"
        case .identifier(let s):
            let u = s.uppercased()
            if ["TRUE", "FALSE", "NAN", "INFINITY", "INF"].contains(u) { return true }
            if ["DATE", "TIMESTAMP", "TIME", "X"].contains(u), index + 1 < tokens.count, case .string = tokens[index + 1].token { return true }
            return false
        default: return false
        }
    }

    mutating func parseCondition() throws -> Predicate {
        if atLiteral {
            // literal op column
            let lit = try parseLiteral()
            guard let op = comparisonOperator() else { throw error("expected a comparison operator") }
            let col = try parseColumn()
            return .compare(col, op.swapped, lit)
        }
        let col = try parseColumn()
        if let op = comparisonOperator() {
            if isKeyword("NULL") { throw error("comparison with NULL is never true; use IS NULL or IS NOT NULL") }
            return .compare(col, op, try parseLiteral())
        }
        if accept(keyword: "IS") {
            let negated = accept(keyword: "NOT")
            try expect(keyword: "NULL")
            return negated ? .isNotNull(col) : .isNull(col)
        }
        let negated = accept(keyword: "NOT")
        if accept(keyword: "IN") {
            try expect(symbol: "(")
            var values = [try parseLiteral()]
            while accept(symbol: ",") { values.append(try parseLiteral()) }
            try expect(symbol: ")")
            return negated ? .not(.isIn(col, values)) : .isIn(col, values)
        }
        if accept(keyword: "BETWEEN") {
            let lo = try parseLiteral()
            try expect(keyword: "AND")
            let hi = try parseLiteral()
            return negated ? .not(.between(col, lo, hi)) : .between(col, lo, hi)
        }
        throw error(negated ? "expected IN or BETWEEN after NOT" : "expected a comparison operator, IN, BETWEEN or IS")
    }

    mutating func comparisonOperator() -> Predicate.ComparisonOperator? {
        guard case .symbol(let s) = current else { return nil }
        let op: Predicate.ComparisonOperator
        switch s {
        case "=", "==": op = .equal
        case "!=", "<>": op = .notEqual
        case "<": op = .less
        case "<=": op = .lessOrEqual
        case ">": op = .greater
        case ">=": op = .greaterOrEqual
        default: return nil
        }
        index += 1
        return op
    }

    mutating func parseColumn() throws -> Predicate.Column {
        let start = position
        var path: [String] = []
        repeat {
            switch current {
            case .identifier(let s) where !Self.reserved.contains(s.uppercased()): path.append(s)
            case .quotedIdentifier(let s): path.append(s)
            default: throw error(path.isEmpty ? "expected a column name" : "expected a field name after '.'")
            }
            index += 1
        } while accept(symbol: ".")
        return Predicate.Column(path: path, position: start)
    }

    mutating func parseLiteral() throws -> Predicate.Literal {
        let start = position
        var sign = ""
        if accept(symbol: "-") { sign = "-" } else if accept(symbol: "+") { sign = "" }
        switch current {
        case .number(let s):
            index += 1
            if s.contains("e") || s.contains("E") {
                guard let d = Double(sign + s) else { throw Self.error(start, "malformed number '\(s)'") }
                return Predicate.Literal(.double(d), position: start)
            }
            guard let d = DecimalNumber(sign + s) else { throw Self.error(start, "malformed number '\(s)'") }
            return Predicate.Literal(.number(d), position: start)
        case .string(let s) where sign.isEmpty:
            index += 1
            return Predicate.Literal(.string(s), position: start)
        case .identifier(let w):
            let u = w.uppercased()
            if u == "NAN" && sign.isEmpty { index += 1; return Predicate.Literal(.double(.nan), position: start) }
            if u == "INFINITY" || u == "INF" { index += 1; return Predicate.Literal(.double(sign == "-" ? -.infinity : .infinity), position: start) }
            guard sign.isEmpty else { break }
            if u == "TRUE" || u == "FALSE" { index += 1; return Predicate.Literal(.boolean(u == "TRUE"), position: start) }
            guard index + 1 < tokens.count, case .string(let s) = tokens[index + 1].token else { break }
            let textPosition = tokens[index + 1].position
            switch u {
            case "DATE":
                guard let d = TemporalText.date(s) else { throw Self.error(textPosition, "invalid DATE '\(s)', expected YYYY-MM-DD") }
                index += 2
                return Predicate.Literal(.date(d), position: start)
            case "TIMESTAMP":
                guard let t = TemporalText.timestamp(s) else {
                    throw Self.error(textPosition, "invalid TIMESTAMP '\(s)', expected YYYY-MM-DD[ HH:MM:SS[.fffffffff]][Z|±HH:MM]")
                }
                index += 2
                return Predicate.Literal(.timestamp(seconds: t.seconds, nanoseconds: t.nanoseconds), position: start)
            case "TIME":
                guard let t = TemporalText.time(s) else { throw Self.error(textPosition, "invalid TIME '\(s)', expected HH:MM:SS[.fffffffff]") }
                index += 2
                return Predicate.Literal(.time(t), position: start)
            case "X":
                let hex = Array(s.utf8)
                guard hex.count % 2 == 0, let bytes = Self.hexBytes(hex) else {
                    throw Self.error(textPosition, "invalid binary literal X'\(s)', expected an even number of hex digits")
                }
                index += 2
                return Predicate.Literal(.binary(bytes), position: start)
            default: break
            }
        default: break
        }
        throw error("expected a literal (number, 'string', TRUE, FALSE, DATE '…', TIMESTAMP '…')")
    }

    static func hexBytes(_ hex: [UInt8]) -> [UInt8]? {
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30 ... 0x39: c - 0x30
            case 0x41 ... 0x46: c - 0x41 + 10
            case 0x61 ... 0x66: c - 0x61 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        var i = 0
        while i + 1 < hex.count {
            guard let h = nibble(hex[i]), let l = nibble(hex[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }
}

extension Predicate {
    /// Parses the `--where` language (see `PredicateParser`).
    public init(parsing expression: String) throws {
        self = try PredicateParser.parse(expression)
    }
}
