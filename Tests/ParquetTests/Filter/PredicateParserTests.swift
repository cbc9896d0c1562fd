import Testing
@testable import Parquet

@Suite("Predicate parser")
struct PredicateParserTests {
    typealias L = Predicate.Literal

    @Test("AND binds tighter than OR, NOT tighter than AND; parentheses override")
    func precedence() throws {
        #expect(try Predicate(parsing: "a = 1 OR b = 2 AND c = 3")
            == .or(.equal("a", 1), .and(.equal("b", 2), .equal("c", 3))))
        #expect(try Predicate(parsing: "NOT a = 1 AND b = 2") == .and(.not(.equal("a", 1)), .equal("b", 2)))
        #expect(try Predicate(parsing: "(a = 1 OR b = 2) AND c = 3")
            == .and(.or(.equal("a", 1), .equal("b", 2)), .equal("c", 3)))
        #expect(try Predicate(parsing: "a = 1 OR b = 2 OR c = 3") == .or(.or(.equal("a", 1), .equal("b", 2)), .equal("c", 3)))
        #expect(try Predicate(parsing: "NOT NOT a IS NULL") == .not(.not(.isNull("a"))))
        #expect(try Predicate(parsing: "a is not null and b between 1 and 2 or c not in (1, 2)")
            == .or(.and(.isNotNull("a"), .between("b", 1, 2)), .not(.isIn("c", [1, 2]))))
        #expect(try Predicate(parsing: "a NOT BETWEEN 1 AND 2") == .not(.between("a", 1, 2)))
    }

    @Test("operators, and a literal on the left flips the comparison",
          arguments: [("=", Predicate.ComparisonOperator.equal), ("==", .equal), ("!=", .notEqual), ("<>", .notEqual),
                      ("<", .less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual)])
    func operators(text: String, op: Predicate.ComparisonOperator) throws {
        #expect(try Predicate(parsing: "x \(text) 5") == .compare("x", op, 5))
        #expect(try Predicate(parsing: "5 \(text) x") == .compare("x", op.swapped, 5))
    }

    @Test("every literal type")
    func literals() throws {
        func lit(_ s: String) throws -> Predicate.Literal {
            guard case .compare(_, _, let l) = try Predicate(parsing: "x = \(s)") else { throw ParquetError(.invalidArgument, "not a comparison") }
            return l
        }
        #expect(try lit("42") == L(.number(DecimalNumber(42))))
        #expect(try lit("-42") == L(.number(DecimalNumber(-42))))
        #expect(try lit("18446744073709551615") == L(.number(DecimalNumber(UInt64.max))))
        #expect(try lit("12.50") == L(.number(DecimalNumber("12.5")!)))
        #expect(try lit("-0.001").kind == .number(DecimalNumber(isNegative: true, digits: [1], scale: 3)))
        #expect(try lit(".5") == L(.number(DecimalNumber("0.5")!)))
        #expect(try lit("1e3") == L(.double(1000)))
        #expect(try lit("-2.5E-2") == L(.double(-0.025)))
        #expect(try lit("NaN") == L(.double(.nan)))
        #expect(try lit("-Infinity") == L(.double(-.infinity)))
        #expect(try lit("'it''s'") == L(.string("it's")))
        #expect(try lit("'é 😀'") == L(.string("é 😀")))
        #expect(try lit("TRUE") == L(.boolean(true)))
        #expect(try lit("false") == L(.boolean(false)))
        #expect(try lit("DATE '1970-01-02'") == L(.date(1)))
        #expect(try lit("DATE '2024-02-29'") == L(.date(19782)))
        #expect(try lit("DATE '1969-12-31'") == L(.date(-1)))
        #expect(try lit("TIMESTAMP '2024-01-01'") == L(.timestamp(seconds: 1_704_067_200, nanoseconds: 0)))
        #expect(try lit("TIMESTAMP '2024-01-01 01:02:03.5'") == L(.timestamp(seconds: 1_704_067_200 + 3723, nanoseconds: 500_000_000)))
        #expect(try lit("TIMESTAMP '2024-01-01T01:02:03.000000001Z'") == L(.timestamp(seconds: 1_704_067_200 + 3723, nanoseconds: 1)))
        #expect(try lit("TIMESTAMP '2024-01-01 02:00:00+02:00'") == L(.timestamp(seconds: 1_704_067_200, nanoseconds: 0)))
        #expect(try lit("TIMESTAMP '1969-12-31 23:59:59.25'") == L(.timestamp(seconds: -1, nanoseconds: 250_000_000)))
        #expect(try lit("TIME '01:02:03.004'") == L(.time(3_723_004_000_000)))
        #expect(try lit("X'00fF10'") == L(.binary([0, 255, 16])))
        // Built in Swift: the same values.
        #expect(try L.timestamp("2024-01-01 01:02:03.5") == L.timestamp(1_704_070_923_500, unit: .millis))
        #expect(L.timestamp(-1, unit: .micros) == L(.timestamp(seconds: -1, nanoseconds: 999_999_000)))
        #expect(try L.decimal("-1.50") == L(.number(DecimalNumber("-1.5")!)))
    }

    @Test("column names: dotted paths, quoted identifiers")
    func columns() throws {
        #expect(try Predicate(parsing: "st.a = 1") == .equal(Predicate.Column(path: ["st", "a"]), 1))
        #expect(try Predicate(parsing: "\"a b\" = 1") == .equal(Predicate.Column(path: ["a b"]), 1))
        #expect(try Predicate(parsing: "\"x.y\".\"z\"\"q\" = 1") == .equal(Predicate.Column(path: ["x.y", "z\"q"]), 1))
        #expect(try Predicate(parsing: "\"AND\" = 1") == .equal(Predicate.Column(path: ["AND"]), 1))
        #expect(try Predicate(parsing: "_x1$ = 1") == .equal("_x1$", 1))
    }

    @Test("printing and parsing round-trips")
    func roundTrip() throws {
        let p: Predicate = .or(.and(.isIn(Predicate.Column(path: ["a b", "c"]), ["x'y", 1, 2.5, true]), .not(.isNull("d"))),
                               .between("e", try L.date("2024-01-01"), try L.timestamp("2024-01-02 03:04:05.123456789")))
        #expect(try Predicate(parsing: p.description) == p)
    }

    /// (expression, character offset, part of the message)
    static let syntaxCases: [(String, Int, String)] = [
        ("a = ", 4, "expected a literal"),
        ("a = 'x", 4, "unterminated string"),
        ("a @ 1", 2, "unexpected character '@'"),
        ("(a = 1", 6, "expected ')'"),
        ("a = 1 b = 2", 6, "expected AND, OR or the end"),
        ("a = DATE '2024-13-01'", 9, "invalid DATE"),
        ("a = TIMESTAMP 'yesterday'", 14, "invalid TIMESTAMP"),
        ("a IN 1", 5, "expected '('"),
        ("a IS 1", 5, "expected NULL"),
        ("a NOT LIKE 'x'", 6, "expected IN or BETWEEN"),
        ("a = NULL", 4, "use IS NULL"),
        ("= 1", 0, "expected a column name"),
        ("a. = 1", 3, "expected a field name"),
        ("a BETWEEN 1 OR 2", 12, "expected AND"),
        ("a = 1e", 6, "exponent"),
        ("\"open = 1", 0, "unterminated quoted identifier"),
        ("a = X'abc'", 5, "binary literal"),
    ]

    @Test("syntax errors name the character offset and what was expected", arguments: syntaxCases)
    func syntaxErrors(expression: String, offset: Int, message: String) {
        #expect {
            _ = try Predicate(parsing: expression)
        } throws: { error in
            guard let e = error as? ParquetError, e.code == .invalidArgument else { return false }
            return e.message.contains("at character \(offset):") && e.message.contains(message)
        }
    }

    static func schema() throws -> Schema {
        try SchemaBuilder(fields: [
            .int64("id", .required), .string("name"), .date("d"), .timestamp("ts", unit: .micros),
            .decimal("price", precision: 9, scale: 2), .double("x"), .boolean("flag"),
            .group("st", .optional, [.int32("a"), .string("b")]),
            .list("tags", element: .string("element")),
        ]).build()
    }

    /// (expression, character offset, part of the message)
    static let bindingCases: [(String, Int, String)] = [
        ("id = 1 AND nope = 2", 11, "unknown column 'nope'"),
        ("st = 1", 0, "'st' is a group"),
        ("st.c = 1", 0, "unknown column 'st.c'"),
        ("tags.list.element = 'a'", 0, "is repeated"),
        ("id = 1 OR name = 3", 17, "type mismatch: column 'name'"),
        ("d < 'soon'", 4, "type mismatch: column 'd'"),
        ("ts > DATE '2024-01-01' AND ts < 5", 32, "column 'ts'"),
        ("price = 'x'", 8, "expected a decimal number"),
        ("flag = 1", 7, "TRUE or FALSE"),
        ("x IN (1, 'a')", 9, "expected a number"),
    ]

    @Test("binding errors name the offending column or literal's offset", arguments: bindingCases)
    func bindingErrors(expression: String, offset: Int, message: String) throws {
        let schema = try Self.schema()
        let p = try Predicate(parsing: expression)
        #expect {
            _ = try BoundPredicate(p, schema: schema)
        } throws: { error in
            guard let e = error as? ParquetError, e.code == .invalidArgument else { return false }
            return e.message.contains("at character \(offset):") && e.message.contains(message)
        }
    }

    @Test("valid bindings: string literals as dates and timestamps, numbers across types")
    func validBindings() throws {
        let schema = try Self.schema()
        for text in ["d = '2024-01-01'", "d < TIMESTAMP '2024-01-01 10:00'", "ts >= '2024-01-01 00:00:00'", "ts < DATE '2024-01-01'",
                     "price <= 12.345", "price > -3", "x = 1", "x < 2.5", "x = NaN", "id = 1e3", "id < 99999999999999999999",
                     "st.a BETWEEN 1 AND 5", "st.b IN ('a', 'b')", "flag = TRUE", "name IS NULL"] {
            #expect(throws: Never.self, "\(text)") { _ = try BoundPredicate(try Predicate(parsing: text), schema: schema) }
        }
    }
}
