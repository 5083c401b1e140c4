/// Expression grammar, loosest binding first:
///
/// ```
/// operand    = expression [ "@" expression ]
/// expression = and { "or" and }
/// and        = not { "and" not }
/// not        = "not" not | comparison
/// comparison = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=") sum ]
/// sum        = product { ("+" | "-") product }
/// product    = unary { ("*" | "/" | "%") unary }
/// unary      = "-" unary | power
/// power      = postfix [ "**" unary ]          (right-associative)
/// postfix    = primary { "[" expression "]" | "[" [expression] ":" [expression] "]" }
/// primary    = integer | name [ "(" arguments ")" ] | "(" expression ")"
/// ```
extension NetParser {
    mutating func parseOperand() throws -> NetExpression {
        let value = try parseExpression()
        guard current.isSymbol("@") else { return value }
        advance()
        let offset = try parseExpression()
        return .place(value, offset, value.span.through(offset.span))
    }

    mutating func parseExpression() throws -> NetExpression {
        if nesting == 0 { operators = 0 }
        try enter()
        defer { nesting -= 1 }
        var left = try parseAnd()
        while current.word == "or" {
            try countOperator()
            advance()
            let right = try parseAnd()
            left = .binary("or", left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseAnd() throws -> NetExpression {
        var left = try parseNot()
        while current.word == "and" {
            try countOperator()
            advance()
            let right = try parseNot()
            left = .binary("and", left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseNot() throws -> NetExpression {
        guard current.word == "not" else { return try parseComparison() }
        let start = current.span
        advance()
        try enter()
        defer { nesting -= 1 }
        let operand = try parseNot()
        return .unary("not", operand, start.through(operand.span))
    }

    private mutating func parseComparison() throws -> NetExpression {
        let left = try parseSum()
        for symbol in ["==", "!=", "<=", ">=", "<", ">"] where current.isSymbol(symbol) {
            advance()
            let right = try parseSum()
            return .binary(symbol, left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseSum() throws -> NetExpression {
        var left = try parseProduct()
        while current.isSymbol("+") || current.isSymbol("-") {
            guard case .symbol(let symbol) = current.kind else { break }
            try countOperator()
            advance()
            let right = try parseProduct()
            left = .binary(symbol, left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseProduct() throws -> NetExpression {
        var left = try parseUnary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            guard case .symbol(let symbol) = current.kind else { break }
            try countOperator()
            advance()
            let right = try parseUnary()
            left = .binary(symbol, left, right, left.span.through(right.span))
        }
        return left
    }

    private mutating func parseUnary() throws -> NetExpression {
        guard current.isSymbol("-") else { return try parsePower() }
        let start = current.span
        advance()
        try enter()
        defer { nesting -= 1 }
        let operand = try parseUnary()
        return .unary("-", operand, start.through(operand.span))
    }

    private mutating func parsePower() throws -> NetExpression {
        let base = try parsePostfix()
        guard current.isSymbol("**") else { return base }
        advance()
        try enter()
        defer { nesting -= 1 }
        let exponent = try parseUnary()
        return .binary("**", base, exponent, base.span.through(exponent.span))
    }

    private mutating func parsePostfix() throws -> NetExpression {
        var value = try parsePrimary()
        while current.isSymbol("[") {
            try countOperator()
            advance()
            var lower: NetExpression?
            if !current.isSymbol(":") { lower = try parseExpression() }
            if current.isSymbol("]"), let index = lower {
                advance()
                value = .index(value, index, value.span.through(previousSpan))
                continue
            }
            try expectSymbol(":", "in a channel slice `x[a:b]` or `]` after an index")
            var upper: NetExpression?
            if !current.isSymbol("]") { upper = try parseExpression() }
            try expectSymbol("]", "to close the slice")
            value = .slice(value, lower, upper, value.span.through(previousSpan))
        }
        return value
    }

    private mutating func parsePrimary() throws -> NetExpression {
        let token = current
        switch token.kind {
        case .integer(let value):
            advance()
            return .integer(value, token.span)
        case .identifier(let name, let quoted):
            if !quoted, NetKeyword.all.contains(name), name != "in" {
                throw fail("expected an expression, found keyword \(token.display)", label: "reserved word", helps: ["quote a tensor with this name: `\\`\(name)\\``"])
            }
            advance()
            if current.isSymbol("(") { return .call(try parseCall(name: name, nameSpan: token.span)) }
            return .name(name, token.span)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            try expectSymbol(")", "to close the parenthesis")
            return inner
        default:
            throw fail("expected an expression, found \(token.display)")
        }
    }
}
