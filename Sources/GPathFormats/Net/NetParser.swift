import GPathDiagnostics

/// Recursive-descent parser from tokens to ``NetStatement``s.
///
/// It never stops at the first error: a statement that does not parse is reported (E102) and
/// skipped up to the next line break outside braces, and parsing resumes there. Statement lists
/// are parsed in a loop; only brace and parenthesis nesting recurses, and that is capped at
/// ``maximumNesting`` so hostile input cannot exhaust the stack.
struct NetParser {
    /// Thrown to unwind to the statement loop after the diagnostic has been recorded.
    struct Failure: Error {}

    static let maximumNesting = 64
    /// Most operators one top-level expression may chain: 1,000.
    static let maximumOperators = 1_000

    let file: SourceFile
    let tokens: [NetToken]
    var position = 0
    var nesting = 0
    /// Operators in the top-level expression being parsed (see ``countOperator()``).
    var operators = 0
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile, tokens: [NetToken]) {
        self.file = file
        self.tokens = tokens
    }

    /// Parses the whole file.
    mutating func parseFile() -> [NetStatement] { parseStatements(inBlock: false) }

    // MARK: - Token access

    var current: NetToken { tokens[min(position, tokens.count - 1)] }
    func peek(_ ahead: Int = 1) -> NetToken { tokens[min(position + ahead, tokens.count - 1)] }
    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .end: true
        case .symbol("}"): true
        default: false
        }
    }

    mutating func expectSymbol(_ symbol: String, _ context: String) throws {
        guard current.isSymbol(symbol) else { throw fail("expected `\(symbol)` \(context), found \(current.display)") }
        advance()
    }

    /// Any identifier, quoted or not, that is not a reserved word (unless quoted).
    mutating func expectName(_ context: String) throws -> (String, NetSpan) {
        guard case .identifier(let text, let quoted) = current.kind, quoted || !NetKeyword.all.contains(text) else {
            throw fail("expected \(context), found \(current.display)")
        }
        let span = current.span
        advance()
        return (text, span)
    }

    /// Records an E102 at the current token and returns the error to throw.
    mutating func fail(_ message: String, label: String? = nil, helps: [String] = []) -> Failure {
        diagnostics.append(Diagnostic(
            .unexpectedToken, message, at: location(current.span), label: label, helps: helps))
        return Failure()
    }

    func location(_ span: NetSpan) -> SourceLocation {
        file.location(ofOffset: span.offset, byteLength: span.length)
    }

    /// Counts one more operator (binary operator, index or slice) in the current top-level
    /// expression: a left-leaning chain (`x[0:3][0:3]…`, `1+1+…`) builds a tree as deep as it is
    /// long without nesting, and evaluating it recurses once per level. E217 past
    /// ``maximumOperators``.
    mutating func countOperator() throws {
        operators += 1
        if operators > Self.maximumOperators {
            diagnostics.append(Diagnostic(
                .sizeLimit, "an expression with more than \(Self.maximumOperators) operators, beyond gpath's limit",
                at: location(current.span), label: "too long", notes: ["gpath's size limits are listed in docs/reliability.md"]))
            throw Failure()
        }
    }

    mutating func enter() throws {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw fail("nesting is deeper than \(Self.maximumNesting) levels", label: "too deep")
        }
    }

    // MARK: - Statements

    mutating func parseStatements(inBlock: Bool) -> [NetStatement] {
        var statements: [NetStatement] = []
        while true {
            while current.kind == .newline { advance() }
            if current.kind == .end { break }
            if current.isSymbol("}") {
                if inBlock { break }
                diagnostics.append(Diagnostic(.unexpectedToken, "unexpected `}`", at: location(current.span), label: "no block is open"))
                advance()
                continue
            }
            let start = position
            do {
                let statement = try parseStatement(topLevel: !inBlock)
                statements.append(statement)
                if !atStatementEnd {
                    throw fail("expected end of statement, found \(current.display)", label: "statements end at a line break or `;`")
                }
            } catch {
                synchronize()
                if position == start { advance() }
            }
        }
        return statements
    }

    /// Skips to the next line break outside braces (or a `}` closing the enclosing block).
    mutating func synchronize() {
        var depth = 0
        while current.kind != .end {
            if current.isSymbol("{") { depth += 1 }
            if current.isSymbol("}") {
                if depth == 0 { return }
                depth -= 1
            }
            if current.kind == .newline, depth == 0 { return }
            advance()
        }
    }

    mutating func parseBody() throws -> [NetStatement] {
        try expectSymbol("{", "to open the body")
        try enter()
        defer { nesting -= 1 }
        let body = parseStatements(inBlock: true)
        guard current.isSymbol("}") else { throw fail("expected `}` to close the body, found \(current.display)") }
        advance()
        return body
    }

    mutating func parseStatement(topLevel: Bool) throws -> NetStatement {
        let start = current.span
        switch current.word {
        case "network":
            advance()
            let (name, _) = try expectName("a network name")
            return .network(name, start.through(previousSpan))
        case "param":
            advance()
            let (name, _) = try expectName("a parameter name")
            try expectSymbol("=", "after the parameter name")
            let value = try parseExpression()
            return .parameter(name, value, start.through(previousSpan))
        case "input", "learned":
            let learned = current.word == "learned"
            advance()
            let (name, _) = try expectName(learned ? "a learned tensor's name" : "an input name")
            var dimensions = [try parseExpression()]
            while current.kind == .times || current.word == "x" {
                advance()
                dimensions.append(try parseExpression())
            }
            var table: NetExpression?
            if learned, current.word == "table" {
                advance()
                try expectSymbol("=", "after `table`")
                table = try parseExpression()
            }
            return .input(name, dimensions, start.through(previousSpan), learned: learned, table: table)
        case "block":
            guard topLevel else { throw fail("blocks are defined at the top level", label: "inside another body") }
            return try parseBlock()
        case "for":
            let header = try parseLoopHeader()
            let body = try parseBody()
            return .loop(header, body, start.through(previousSpan))
        case "if":
            return try parseConditional()
        case "connect":
            advance()
            let operand = try parseOperand()
            try expectSymbol("->", "between the operand and the destination of `connect`")
            let target = try parseTarget()
            return .connect(operand, target, start.through(previousSpan))
        case "repeat":
            let pipeline = try parsePipeline(first: nil)
            return .assignment(nil, pipeline, isLoss: false, start.through(previousSpan))
        case "loss" where peek().name != nil && (peek(2).isSymbol("=") || peek(2).isSymbol("[")):
            advance()
            let target = try parseTarget()
            try expectSymbol("=", "after the loss name")
            let pipeline = try parsePipeline(first: nil)
            return .assignment(target, pipeline, isLoss: true, start.through(previousSpan))
        default:
            break
        }
        if current.name != nil, peek().isSymbol(",") {
            return try parseSplit()
        }
        let first = try parseOperand()
        if current.isSymbol("=") {
            let target = try target(from: first)
            advance()
            let pipeline = try parsePipeline(first: nil)
            return .assignment(target, pipeline, isLoss: false, start.through(previousSpan))
        }
        let pipeline = try parsePipeline(first: first)
        return .assignment(nil, pipeline, isLoss: false, start.through(previousSpan))
    }

    var previousSpan: NetSpan { tokens[max(0, position - 1)].span }

    private mutating func target(from expression: NetExpression) throws -> NetTarget {
        switch expression {
        case .name(let name, let span) where !NetKeyword.all.contains(name) || isQuoted(span):
            return NetTarget(name: name, index: nil, span: span)
        case .index(.name(let name, _), let index, let span):
            return NetTarget(name: name, index: index, span: span)
        default:
            throw fail("cannot assign to this expression", label: "expected a name or `name[index]` before `=`")
        }
    }

    private func isQuoted(_ span: NetSpan) -> Bool {
        span.offset < file.bytes.count && file.bytes[span.offset] == UInt8(ascii: "`")
    }

    mutating func parseTarget() throws -> NetTarget {
        let (name, span) = try expectName("a name")
        guard current.isSymbol("[") else { return NetTarget(name: name, index: nil, span: span) }
        advance()
        let index = try parseExpression()
        try expectSymbol("]", "after the index")
        return NetTarget(name: name, index: index, span: span.through(previousSpan))
    }

    private mutating func parseSplit() throws -> NetStatement {
        let start = current.span
        var targets = [try parseTarget()]
        while current.isSymbol(",") {
            advance()
            targets.append(try parseTarget())
        }
        try expectSymbol("=", "after the names of a split")
        let (name, nameSpan) = try expectName("`split(…)`")
        let call = try parseCall(name: name, nameSpan: nameSpan)
        return .split(targets, call, start.through(previousSpan))
    }

    private mutating func parseBlock() throws -> NetStatement {
        let start = current.span
        advance()
        let (name, _) = try expectName("a block name")
        try expectSymbol("(", "after the block name")
        var parameters: [(name: String, defaultValue: NetExpression?, span: NetSpan)] = []
        while !current.isSymbol(")") {
            let (parameter, span) = try expectName("a parameter name")
            var value: NetExpression?
            if current.isSymbol("=") {
                advance()
                value = try parseExpression()
            }
            parameters.append((parameter, value, span))
            if current.isSymbol(",") { advance() } else if !current.isSymbol(")") {
                throw fail("expected `,` or `)` in the parameter list, found \(current.display)")
            }
        }
        advance()
        let body = try parseBody()
        return .block(NetBlock(name: name, parameters: parameters, body: body, span: start.through(previousSpan)))
    }

    mutating func parseLoopHeader() throws -> NetLoopHeader {
        let start = current.span
        advance()
        let (variable, _) = try expectName("a loop variable")
        guard current.word == "in" else { throw fail("expected `in` after the loop variable, found \(current.display)") }
        advance()
        let lower = try parseExpression()
        let inclusive: Bool
        if current.isSymbol("...") { inclusive = true } else if current.isSymbol("..<") { inclusive = false } else {
            throw fail("expected `..<` or `...` in the loop range, found \(current.display)", helps: ["write `for i in 0..<n` (n excluded) or `for i in 1...n` (n included)"])
        }
        advance()
        let upper = try parseExpression()
        return NetLoopHeader(variable: variable, lower: lower, upper: upper, inclusive: inclusive, span: start.through(previousSpan))
    }

    private mutating func parseConditional() throws -> NetStatement {
        let start = current.span
        var branches: [(NetExpression, [NetStatement])] = []
        var otherwise: [NetStatement]?
        advance()
        branches.append((try parseExpression(), try parseBody()))
        while true {
            let save = position
            while current.kind == .newline { advance() }
            guard current.word == "else" else {
                position = save
                break
            }
            advance()
            if current.word == "if" {
                advance()
                branches.append((try parseExpression(), try parseBody()))
            } else {
                otherwise = try parseBody()
                break
            }
        }
        return .conditional(branches, otherwise, start.through(previousSpan))
    }

    // MARK: - Pipelines

    /// `[source ->] [repeat N] stage…`, or a lone expression.
    mutating func parsePipeline(first: NetExpression?) throws -> NetPipeline {
        var pipeline = NetPipeline(source: nil, repeatCount: nil, stages: [], expression: nil)
        var first = first
        if first == nil, current.word != "repeat" { first = try parseOperand() }
        if let head = first, current.isSymbol("->") {
            pipeline.source = head
            first = nil
            advance()
        }
        if first == nil, current.word == "repeat" {
            advance()
            pipeline.repeatCount = try parseExpression()
        }
        if let head = first {
            if atStatementEnd {
                pipeline.expression = head
                return pipeline
            }
            switch head {
            case .call(let call): pipeline.stages.append(call)
            case .name(let name, let span): pipeline.stages.append(NetCall(name: name, nameSpan: span, arguments: [], hasParentheses: false, span: span))
            default: throw fail("expected an operation after this expression, found \(current.display)", helps: ["to feed a tensor into an operation write `x -> conv(16)`"])
            }
        }
        while !atStatementEnd {
            let (name, span) = try expectName("an operation or block")
            pipeline.stages.append(try parseCall(name: name, nameSpan: span))
        }
        if pipeline.stages.isEmpty { throw fail("expected an operation or block, found \(current.display)") }
        return pipeline
    }

    /// The call after its name: `(arguments)` or nothing (a bare name).
    mutating func parseCall(name: String, nameSpan: NetSpan) throws -> NetCall {
        guard current.isSymbol("(") else {
            return NetCall(name: name, nameSpan: nameSpan, arguments: [], hasParentheses: false, span: nameSpan)
        }
        advance()
        try enter()
        defer { nesting -= 1 }
        var arguments: [NetArgument] = []
        while !current.isSymbol(")") {
            arguments.append(try parseArgument())
            if current.isSymbol(",") { advance() } else if !current.isSymbol(")") {
                throw fail("expected `,` or `)` in the argument list, found \(current.display)")
            }
        }
        advance()
        return NetCall(name: name, nameSpan: nameSpan, arguments: arguments, hasParentheses: true, span: nameSpan.through(previousSpan))
    }

    private mutating func parseArgument() throws -> NetArgument {
        if current.word == "for" {
            let header = try parseLoopHeader()
            var condition: NetExpression?
            if current.word == "if" {
                advance()
                condition = try parseExpression()
            }
            try expectSymbol(":", "before the spread operand")
            return .spread(header, condition, try parseOperand())
        }
        if let name = current.name, peek().isSymbol("=") {
            let span = current.span
            advance()
            advance()
            return .keyword(name, span, try parseExpression())
        }
        return .positional(try parseOperand())
    }
}
