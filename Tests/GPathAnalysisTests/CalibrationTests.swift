import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// The calibration set of `docs/rules.md`: designs known to train (`examples/calibration/good`)
/// and designs known not to (`examples/calibration/bad`). The default rule set must pass every
/// good one and fail every bad one, and the measured figures must stay those the document's
/// table gives — a change to the analysis or to a file that moves them updates both.
struct CalibrationTests {
    /// One design of the set with the figures `docs/rules.md` reports for it.
    struct Design: CustomTestStringConvertible, Sendable {
        /// `good/resnet50.net` (under `examples/calibration`).
        let file: String
        /// Trainable parameters (the published count where one exists).
        let params: Int
        /// GP001's value: the longest shortest gradient path over channel units.
        let shortest: Int
        /// The longest gradient path (GP003, off by default).
        let longest: Int
        /// Weighted layers no gradient reaches (GP004).
        let unreachable: Int
        /// The rules the defaults report as errors (empty: the design passes).
        let failing: Set<Rule>

        var knownGood: Bool { file.hasPrefix("good/") }
        var testDescription: String { file }
    }

    static let designs: [Design] = [
        Design(file: "good/resnet18.net", params: 11_689_512, shortest: 6, longest: 18, unreachable: 0, failing: []),
        Design(file: "good/resnet50.net", params: 25_557_032, shortest: 7, longest: 50, unreachable: 0, failing: []),
        Design(file: "good/resnet101.net", params: 44_549_160, shortest: 7, longest: 101, unreachable: 0, failing: []),
        Design(file: "good/resnet1202.net", params: 19_424_026, shortest: 5, longest: 1202, unreachable: 0, failing: []),
        Design(file: "good/densenet121.net", params: 7_978_856, shortest: 6, longest: 121, unreachable: 0, failing: []),
        Design(file: "good/densenet201.net", params: 20_013_928, shortest: 6, longest: 201, unreachable: 0, failing: []),
        Design(file: "good/cspdarknet53.net", params: 27_642_184, shortest: 17, longest: 68, unreachable: 0, failing: []),
        Design(file: "good/yolov4.net", params: 64_363_101, shortest: 18, longest: 99, unreachable: 0, failing: []),
        Design(file: "good/yolov8n.net", params: 3_157_184, shortest: 12, longest: 48, unreachable: 0, failing: []),
        Design(file: "bad/plain50.net", params: 22_780_456, shortest: 50, longest: 50, unreachable: 0, failing: [.maxShortestGradientPath]),
        Design(file: "bad/vovnet_deep99.net", params: 194_170, shortest: 26, longest: 98, unreachable: 0, failing: [.maxShortestGradientPath]),
        Design(file: "bad/resnet18_orphaned_block.net", params: 11_689_512, shortest: 6, longest: 16, unreachable: 2, failing: [.noUnreachableLayers]),
    ]

    private static func load(_ file: String) throws -> Graph {
        let url = RepositoryPaths.root.appendingPathComponent("examples/calibration/\(file)")
        let (graph, diagnostics) = NetReader.read(SourceFile(name: "examples/calibration/\(file)", text: RepositoryPaths.text(url)))
        return try #require(graph, "\(file): \(diagnostics.map(\.message))")
    }

    @Test("the default rules pass every design known to train and fail every known-bad one", arguments: designs)
    func verdict(_ design: Design) throws {
        let graph = try Self.load(design.file)
        let evaluator = RuleEvaluator(configuration: .defaults)
        #expect(!evaluator.needsFullAnalysis)
        let violations = evaluator.evaluate(graph: graph, paths: GradientPathPass().run(on: graph), analysis: nil, costs: CostPass().run(on: graph))
        let errors = Set(violations.filter { $0.severity == .error }.map(\.rule))
        #expect(errors == design.failing, "\(violations.map(\.message))")
        #expect(errors.isEmpty == design.knownGood)
        if design.knownGood {
            #expect(violations.isEmpty, "a known-good design should not even warn: \(violations.map(\.message))")
        }
    }

    @Test("the measured figures are those docs/rules.md reports", arguments: designs)
    func figures(_ design: Design) throws {
        let graph = try Self.load(design.file)
        let paths = GradientPathPass().run(on: graph)
        #expect(CostPass().run(on: graph).params == design.params)
        #expect(paths.longestShortestPath == design.shortest)
        #expect(paths.longestPath == design.longest)
        #expect(paths.unreachableLayers.count == design.unreachable)
    }

    @Test("every file of the calibration set is listed, and both verdicts are represented")
    func complete() {
        let listed = Set(Self.designs.map(\.file))
        let present = ["good", "bad"].flatMap { folder in
            RepositoryPaths.examples(withExtension: "net", in: "calibration/\(folder)").map { "\(folder)/\($0.lastPathComponent)" }
        }
        #expect(Set(present) == listed)
        #expect(Self.designs.contains { $0.knownGood } && Self.designs.contains { !$0.knownGood })
    }

    @Test("the GP001 thresholds sit between the deepest known-good and the shallowest known-bad design")
    func margins() throws {
        let setting = RuleConfiguration.defaults[.maxShortestGradientPath]
        let warning = try #require(setting.warning), error = try #require(setting.error)
        let deepestGood = Self.designs.filter(\.knownGood).map(\.shortest).max() ?? 0
        let shallowestBad = Self.designs.filter { !$0.knownGood && $0.failing.contains(.maxShortestGradientPath) }.map(\.shortest).min() ?? 0
        #expect(Double(deepestGood) <= warning && warning <= error && error < Double(shallowestBad))
        #expect(RuleConfiguration.defaults[.maxLongestGradientPath].isOff)
    }
}
