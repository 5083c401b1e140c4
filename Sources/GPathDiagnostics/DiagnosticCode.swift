/// A stable diagnostic identifier: `E1xx` syntax, `E2xx` names/shapes/lowering, `E3xx` IR
/// verification, `W4xx`/`E4xx` analysis findings. Codes are never reused for another meaning.
public struct DiagnosticCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The code as printed, e.g. `E201`.
    public let rawValue: String
    /// The severity a diagnostic with this code has unless stated otherwise.
    public let defaultSeverity: Severity
    /// One-line summary (used by `gpath explain` and the diagnostics index).
    public let summary: String

    public init(_ rawValue: String, _ severity: Severity = .error, _ summary: String) {
        self.rawValue = rawValue
        self.defaultSeverity = severity
        self.summary = summary
    }

    public var description: String { rawValue }

    public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

    public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

extension DiagnosticCode {
    // MARK: E1xx — syntax
    public static let unexpectedCharacter = DiagnosticCode("E101", .error, "a character that cannot start any token")
    public static let unexpectedToken = DiagnosticCode("E102", .error, "a token other than the one the grammar expects here")
    public static let unterminated = DiagnosticCode("E103", .error, "a comment or string that never ends")
    public static let invalidNumber = DiagnosticCode("E104", .error, "a malformed or out-of-range number")
    public static let malformedJSON = DiagnosticCode("E105", .error, "the file is not valid JSON")
    public static let invalidField = DiagnosticCode("E106", .error, "a required field is missing or has the wrong type")
    public static let tooManyErrors = DiagnosticCode("E107", .note, "further errors were suppressed")
    public static let malformedConfig = DiagnosticCode("E108", .error, "the configuration file is not valid YAML")
    public static let malformedYAML = DiagnosticCode("E109", .error, "the file is not valid YAML")
    public static let malformedModel = DiagnosticCode("E110", .error, "the file is not a readable ONNX model (truncated, corrupt, or another format)")

    // MARK: E2xx — names, shapes, lowering
    public static let unknownOp = DiagnosticCode("E201", .error, "an operation name gpath does not know")
    public static let unknownName = DiagnosticCode("E202", .error, "a tensor, block or parameter name that is not defined")
    public static let wrongArity = DiagnosticCode("E203", .error, "an operation called with the wrong number of inputs or arguments")
    public static let channelMismatch = DiagnosticCode("E204", .error, "tensors whose channels or spatial sizes do not fit together")
    public static let badSlice = DiagnosticCode("E205", .error, "a channel slice outside the tensor or empty")
    public static let duplicateName = DiagnosticCode("E206", .error, "a name defined twice in the same scope")
    public static let unknownArgument = DiagnosticCode("E207", .error, "a keyword argument the operation or block does not take")
    public static let invalidValue = DiagnosticCode("E208", .error, "an argument value outside what the operation accepts")
    public static let expansionLimit = DiagnosticCode("E209", .error, "block expansion nests too deeply or a loop runs too long")
    public static let typeMismatch = DiagnosticCode("E210", .error, "a value of the wrong kind (number where a tensor is needed, or the reverse)")
    public static let unknownRule = DiagnosticCode("E211", .error, "a rule name or ID `gpath check` does not know")
    public static let invalidRuleValue = DiagnosticCode("E212", .error, "a rule setting that is not a threshold, a severity or a warning/error map")
    public static let unknownConfigKey = DiagnosticCode("E213", .error, "a configuration key gpath does not know")
    public static let unsupportedConstruct = DiagnosticCode("E214", .error, "a real section, module, key or activation of an imported format that gpath cannot represent")
    public static let trainingOnlyKey = DiagnosticCode("W215", .warning, "an imported key that only affects training; gpath ignores it")
    public static let duplicateKey = DiagnosticCode("W216", .warning, "an imported key set twice in one section; the first value is used, as the format's own reader does")
    public static let approximated = DiagnosticCode("W218", .warning, "an imported module whose exact computation has no IR form, imported approximately; the warning names what stands for what")
    public static let sizeLimit = DiagnosticCode("E217", .error, "a size, count or nesting depth beyond gpath's documented limits (docs/reliability.md)")
    public static let unsupportedOperator = DiagnosticCode("E230", .error, "ONNX operators, or forms of an operator, gpath cannot lower")
    public static let operatorAsIdentity = DiagnosticCode("W231", .warning, "unsupported ONNX operators lowered as identity (`--treat-unknown-as identity`)")
    public static let approximateImport = DiagnosticCode("W232", .warning, "ONNX nodes imported approximately (positions only; paths, units, params and MACs exact)")

    // MARK: E3xx — IR verification
    public static let cycle = DiagnosticCode("E301", .error, "the graph has a cycle")
    public static let missingLoss = DiagnosticCode("E302", .error, "the graph has no loss node")
    public static let unknownNode = DiagnosticCode("E303", .error, "an edge names a node that does not exist")
    public static let badEndpoint = DiagnosticCode("E304", .error, "an edge into an input or out of a loss")
    public static let sliceOutOfRange = DiagnosticCode("E305", .error, "an edge's channel slice is empty or outside its source")
    public static let badDestinationSlice = DiagnosticCode("E306", .error, "a destination slice on an edge not entering an add, or of the wrong width")
    public static let uncoveredChannel = DiagnosticCode("E307", .error, "an add output channel that no incoming edge covers")
    public static let concatWidth = DiagnosticCode("E308", .error, "a concat's declared width differs from the sum of its inputs")
    public static let passThroughArity = DiagnosticCode("E309", .error, "a pass-through node without exactly one input, or with a mismatched width")
    public static let groupsMismatch = DiagnosticCode("E310", .error, "groups that do not divide a layer's input and output channels")
    public static let missingChannels = DiagnosticCode("E311", .error, "a layer or input without a channel count")
    public static let duplicateNode = DiagnosticCode("E312", .error, "two nodes with the same id")
    public static let spatialMismatch = DiagnosticCode("E313", .error, "inputs of an add or concat with different spatial sizes")
    public static let missingInput = DiagnosticCode("E314", .error, "a node that needs an input has none")
    public static let operandShape = DiagnosticCode("E315", .error, "operands whose sizes an op cannot combine (a matrix product's inner sizes, a reshape's area, a token range, a token concat's widths)")

    // MARK: E6xx — files, output and the command line
    public static let unreadableInput = DiagnosticCode("E601", .error, "an input file that cannot be read (missing, a directory, no permission, or not UTF-8 text)")
    public static let unknownInputFormat = DiagnosticCode("E602", .error, "an input file whose format gpath cannot tell from its extension")
    public static let refusedOutput = DiagnosticCode("E603", .error, "an output path gpath will not write: one of the command's inputs, a directory, or a device")
    public static let writeFailed = DiagnosticCode("E604", .error, "an output that could not be written (missing or read-only folder, full disk, closed standard output)")
    public static let usage = DiagnosticCode("E605", .error, "a command-line usage error: an unknown command or flag, a bad or missing value, conflicting options")
    public static let badBaseline = DiagnosticCode("E606", .error, "a baseline file that is not a gpath baseline")
    public static let renderFailed = DiagnosticCode("E607", .error, "Graphviz could not lay out or render the picture, or the layout ran past --layout-timeout")
    public static let analysisRefused = DiagnosticCode("E608", .error, "a view that needs the full analysis on a graph where it would be exponential (FullAnalysisBudget)")

    // MARK: E5xx — runtime (`gpath train`; the codes GPathRuntime's errors carry)
    public static let unsupportedByRuntime = DiagnosticCode("E501", .error, "an op or op setting the training runtime cannot execute")
    public static let runtimeShape = DiagnosticCode("E502", .error, "a network input or batch whose shape the runtime cannot use")
    public static let labelOutOfRange = DiagnosticCode("E503", .error, "a class label outside the channels of a loss")
    public static let dataError = DiagnosticCode("E505", .error, "a training data file that is missing or malformed")

    /// Every code, in order; the diagnostics index in `docs/diagnostics.md` lists the same set.
    public static let all: [DiagnosticCode] = [
        unexpectedCharacter, unexpectedToken, unterminated, invalidNumber, malformedJSON, invalidField,
        tooManyErrors, malformedConfig, malformedYAML, malformedModel,
        unknownOp, unknownName, wrongArity, channelMismatch, badSlice, duplicateName, unknownArgument,
        invalidValue, expansionLimit, typeMismatch, unknownRule, invalidRuleValue, unknownConfigKey,
        unsupportedConstruct, trainingOnlyKey, duplicateKey, sizeLimit, approximated,
        unsupportedOperator, operatorAsIdentity, approximateImport,
        cycle, missingLoss, unknownNode, badEndpoint, sliceOutOfRange, badDestinationSlice,
        uncoveredChannel, concatWidth, passThroughArity, groupsMismatch, missingChannels, duplicateNode,
        spatialMismatch, missingInput, operandShape,
        unsupportedByRuntime, runtimeShape, labelOutOfRange, dataError,
        unreadableInput, unknownInputFormat, refusedOutput, writeFailed, usage, badBaseline, renderFailed, analysisRefused,
    ]

    /// Looks a code up by its printed form (`e201` is accepted).
    public static func named(_ raw: String) -> DiagnosticCode? {
        all.first { $0.rawValue == raw.uppercased() }
    }
}
