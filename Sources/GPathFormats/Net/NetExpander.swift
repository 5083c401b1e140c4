import GPathDiagnostics
import GPathIR

/// Expands a parsed `.net` file — parameters, blocks, loops, conditions, arithmetic — into
/// ``GraphBuilder`` calls, tracking each node's width so slices and adds are checked with
/// `.net` diagnostics (E2xx) before the IR verifier runs.
///
/// Statement lists and loops are iterated; only block instantiation recurses, and it is capped
/// at ``maximumDepth`` (E209), so a 100,000-layer `repeat` cannot overflow the stack. Cost is
/// linear in the number of nodes produced (dictionary lookups per node and edge).
struct NetExpander {
    static let maximumDepth = 64
    /// Most expansion steps (block instantiations plus loop iterations) a file may take:
    /// 100,000 (a 100,000-layer network written with one block per three layers takes about
    /// 35,000). Bounds the work of expansions that create no node — a block calling itself
    /// twice per level, nested empty loops — which the node limit never sees.
    static let maximumSteps = 100_000
    /// Most expansion steps in a row that create no node: 10,000. Expanding a network creates
    /// layers; a block that only calls itself (twice per level: 2^depth calls) or loops that
    /// nest without creating anything stop here, long before ``maximumSteps``.
    static let maximumIdleSteps = 10_000
    /// Largest channel count, kernel, stride, offset… accepted (E208 above), so shape
    /// arithmetic downstream cannot overflow.
    static let maximumValue = 1 << 30

    let file: SourceFile
    let overrides: [String: Int]
    /// Most nodes, loop iterations and `repeat` count (``ReaderLimits/maximumNodes``).
    let maximumNodes: Int
    var builder: GraphBuilder
    var collector = DiagnosticCollector()
    var blocks: [String: NetBlock] = [:]
    var parameters: [String: Int] = [:]
    var nodeCount = 0
    /// Each node's output map as far as it is known while expanding, so ops whose width
    /// depends on a map (`matmul(q, k, t=1)`, `transpose`) give their operands the right width.
    var maps: [String: Spatial] = [:]
    /// ``steps`` when the last node was created (see ``maximumIdleSteps``).
    var stepsAtLastNode = 0
    /// Expansion steps taken so far (see ``maximumSteps``).
    var steps = 0
    var aborted = false
    private var reportedPositions: Set<String> = []

    init(file: SourceFile, name: String, overrides: [String: Int], limits: ReaderLimits = .standard) {
        self.file = file
        self.overrides = overrides
        self.maximumNodes = limits.maximumNodes
        self.builder = GraphBuilder(name: name)
    }

    /// Expands `statements`; the caller builds the graph afterwards.
    mutating func run(_ statements: [NetStatement]) {
        declare(statements)
        var scope = NetScope(prefix: "", reserved: NetStatement.assignedNames(in: statements))
        execute(statements, in: &scope)
    }

    // MARK: - Declarations (first pass)

    /// Records blocks and evaluates `param`s in order, applying the overrides.
    private mutating func declare(_ statements: [NetStatement]) {
        let scope = NetScope(prefix: "", reserved: [])
        var declared: [String] = []
        for statement in statements {
            switch statement {
            case .block(let block):
                if blocks[block.name] != nil || NetOperation.table[block.name] != nil {
                    report(.duplicateName, "`\(block.name)` is already \(blocks[block.name] != nil ? "a block" : "an operation")", at: block.span, in: scope, label: "defined again here")
                } else {
                    blocks[block.name] = block
                }
            case .parameter(let name, let expression, let span):
                declared.append(name)
                if parameters[name] != nil {
                    report(.duplicateName, "parameter `\(name)` is declared twice", at: span, in: scope, label: "declared again here")
                } else if let value = overrides[name] {
                    parameters[name] = value
                } else if let value = integer(expression, in: scope) {
                    parameters[name] = value
                }
            default:
                break
            }
        }
        for name in overrides.keys.sorted() where !declared.contains(name) {
            collector.report(Diagnostic(
                .unknownName, "parameter `\(name)` is set but `\(file.name)` declares no such `param`",
                helps: Suggestion.help(for: name, among: declared)))
        }
    }

    // MARK: - Statements

    mutating func execute(_ statements: [NetStatement], in scope: inout NetScope) {
        for statement in statements {
            if aborted { return }
            if scope.depth == 0 { scope.rootLocation = statementLocation(statement.span) }
            execute(statement, in: &scope)
        }
    }

    private mutating func execute(_ statement: NetStatement, in scope: inout NetScope) {
        switch statement {
        case .network, .parameter, .block:
            if scope.depth > 0 {
                report(.unexpectedToken, "this declaration is only allowed at the top level", at: statement.span, in: scope)
            }
        case .input(let name, let dimensions, let span, let learned, let table):
            declareInput(name, dimensions, learned: learned, table: table, span: span, in: &scope)
        case .assignment(let target, let pipeline, let isLoss, _):
            assign(target, pipeline, isLoss: isLoss, in: &scope)
        case .split(let targets, let call, _):
            split(targets, call, in: &scope)
        case .connect(let operand, let target, _):
            connect(operand, to: target, in: &scope)
        case .loop(let header, let body, _):
            guard let found = loopRange(header, in: scope), let range = found else { return }
            let saved = scope.values[header.variable]
            for value in range {
                if aborted || !takeStep(at: header.span, in: scope) { break }
                scope.values[header.variable] = .integer(value)
                execute(body, in: &scope)
            }
            scope.values[header.variable] = saved
        case .conditional(let branches, let otherwise, _):
            for (condition, body) in branches {
                guard let value = integer(condition, in: scope) else { return }
                if value != 0 {
                    execute(body, in: &scope)
                    return
                }
            }
            if let otherwise { execute(otherwise, in: &scope) }
        }
    }

    /// `lower..<upper` or `lower...upper`, at most ``ReaderLimits/maximumNodes`` values (E209).
    mutating func loopRange(_ header: NetLoopHeader, in scope: NetScope) -> ClosedRange<Int>?? {
        guard let lower = integer(header.lower, in: scope), let upper = integer(header.upper, in: scope) else { return nil }
        let last = header.inclusive ? upper : upper &- 1
        guard last >= lower else { return .some(nil) }
        guard last.subtractingReportingOverflow(lower).partialValue < maximumNodes, last &- lower >= 0 else {
            report(.expansionLimit, "loop runs more than \(maximumNodes) times", at: header.span, in: scope, label: "too many iterations")
            return nil
        }
        return .some(lower...last)
    }

    private mutating func declareInput(_ name: String, _ dimensions: [NetExpression], learned: Bool, table: NetExpression?, span: NetSpan, in scope: inout NetScope) {
        var values: [Int] = []
        for dimension in dimensions {
            guard let value = integer(dimension, in: scope) else { return }
            guard value > 0, value <= Self.maximumValue else {
                report(.invalidValue, "\(learned ? "learned tensor" : "input") dimension must be between 1 and 2**30, not \(value)", at: dimension.span, in: scope)
                return
            }
            values.append(value)
        }
        guard values.count == 1 || values.count == 3 else {
            report(.wrongArity, "\(learned ? "learned tensor" : "input") shape has \(values.count) dimensions", at: span, in: scope, label: "expected `C` or `CxHxW`")
            return
        }
        var entries: Int?  // a bad table is reported; the tensor is still declared, dense
        if let table, let value = integer(table, in: scope) {
            let count = values.reduce(1) { $0.saturatingMultiplied(by: $1) }
            if value > 0, value <= count {
                entries = value
            } else {
                report(.invalidValue, "a learned tensor's table holds between 1 and its \(count) values, not \(value)", at: table.span, in: scope)
            }
        }
        let target = NetTarget(name: name, index: nil, span: span)
        guard checkUnbound(target, nil, in: scope) else { return }
        let spatial = values.count == 3 ? Spatial(height: values[1], width: values[2]) : nil
        guard let operand = addNode(scope.prefix + name, op: learned ? .learned(LearnedTable(entries: entries)) : .input, channels: values[0], spatial: spatial, inputs: [], nameSpan: span, in: scope) else { return }
        bind(target, nil, to: .tensor(operand), in: &scope)
        if !learned { scope.current = .tensor(operand) }
    }

    // MARK: - Names

    /// True when `target` is not yet bound in `scope` (else E206).
    mutating func checkUnbound(_ target: NetTarget, _ index: Int?, in scope: NetScope) -> Bool {
        let taken = index.map { scope.arrays[target.name]?[$0] != nil }
            ?? (scope.values[target.name] != nil || scope.arrays[target.name] != nil)
        guard taken else { return true }
        report(.duplicateName, "`\(localName(target, index))` is already defined in this scope", at: target.span, in: scope, label: "defined again here")
        return false
    }

    func bind(_ target: NetTarget, _ index: Int?, to value: NetValue, in scope: inout NetScope) {
        if let index {
            if case .tensor(let operand) = value { scope.arrays[target.name, default: [:]][index] = operand }
        } else {
            scope.values[target.name] = value
        }
    }

    /// `name` or `name[i]` as a node name (without the scope prefix).
    func localName(_ target: NetTarget, _ index: Int?) -> String {
        index.map { "\(target.name)[\($0)]" } ?? target.name
    }

    /// The next free automatic name `stem1`, `stem2`… in `scope`.
    mutating func automaticName(_ stem: String, in scope: inout NetScope) -> String {
        var counter = scope.counters[stem, default: 0]
        while true {
            counter += 1
            let candidate = "\(stem)\(counter)"
            if !scope.reserved.contains(candidate), !builder.hasNode(scope.prefix + candidate) {
                scope.counters[stem] = counter
                return candidate
            }
        }
    }

    // MARK: - Diagnostics

    func location(_ span: NetSpan) -> SourceLocation {
        file.location(ofOffset: span.offset, byteLength: span.length)
    }

    /// The location of a statement, cut at the end of its first line.
    func statementLocation(_ span: NetSpan) -> SourceLocation {
        let bytes = file.bytes
        var end = span.offset
        while end < min(bytes.count, span.offset + span.length), bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return file.location(ofOffset: span.offset, byteLength: end - span.offset)
    }

    /// True when a diagnostic with `code` at `span` has been reported: callers skip computing a
    /// "did you mean" (an edit-distance search) for a mistake repeated by loops and blocks.
    func hasReported(_ code: DiagnosticCode, at span: NetSpan) -> Bool {
        reportedPositions.contains("\(code.rawValue)@\(span.offset)")
    }

    /// Reports once per (code, position): a mistake inside a loop or block is shown once, with
    /// the instantiation chain of its first occurrence.
    mutating func report(
        _ code: DiagnosticCode, _ message: String, at span: NetSpan, in scope: NetScope,
        label: String? = nil, notes: [String] = [], helps: [String] = []
    ) {
        let key = "\(code.rawValue)@\(span.offset)"
        guard !reportedPositions.contains(key) else { return }
        reportedPositions.insert(key)
        let chain = (scope.chain?.innermostFirst ?? []).map { "in block `\($0.block)` instantiated at \(location($0.span).description)" }
        collector.report(Diagnostic(code, message, at: location(span), label: label, notes: notes + chain, helps: helps))
    }
}

extension NetExpander {
    /// Counts one expansion step; past ``maximumSteps`` reports E209 once, aborts the
    /// expansion and returns false.
    mutating func takeStep(at span: NetSpan, in scope: NetScope) -> Bool {
        steps += 1
        if steps - stepsAtLastNode > Self.maximumIdleSteps {
            report(.expansionLimit, "expansion took \(Self.maximumIdleSteps) steps (block instantiations and loop iterations) without creating a node",
                   at: span, in: scope, label: "expansion stopped here",
                   notes: ["does a block call itself more than once per level, or do loops nest without creating layers?"])
            aborted = true
            return false
        }
        guard steps > Self.maximumSteps else { return true }
        report(.expansionLimit, "expansion takes more than \(Self.maximumSteps) steps (block instantiations and loop iterations)",
               at: span, in: scope, label: "expansion stopped here",
               notes: ["does a block call itself more than once per level, or do loops nest without creating layers?"])
        aborted = true
        return false
    }
}
