import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Every input that ever crashed or hung a reader or the analysis (issue #16, and each crash
/// or hang the fuzz targets find: `scripts/fuzz.sh`, docs/reliability.md) is a file in
/// `Fixtures/regressions/`. Each must load to a graph or be refused with the coded diagnostic
/// listed here — never trap, overflow the stack or run away — and a new file there without an
/// entry fails the suite.
struct RegressionFixtureTests {
    static let folder = "Tests/GPathFormatsTests/Fixtures/regressions"

    /// The first error code of each fixture, or nil for one that loads.
    static let expected: [String: String?] = [
        "cost_overflow.net": nil,
        "concat_ladder40.net": nil,
        "upsample_twice.net": "E217",
        "slice_chain.net": "E217",
        "self_call_twice.net": "E209",
        "repeat_relu.net": "E209",
        "darknet_padding_2e62.cfg": "E217",
        "darknet_upsample_stride.cfg": "E217",
        "yolo_depth_1e19.yaml": "E217",
        "yolo_width_1e308.yaml": "E217",
        "yolo_nesting.yaml": "E217",
        "yolo_rows_1e7.yaml": "E217",
        "yolo_alias_laughs.yaml": "E217",
        "onnx_input_dims_2e63.onnx": "E217",
        "onnx_pads_2e63.onnx": "E217",
        "onnx_dilations_2e62.onnx": "E217",
        "onnx_dilations_2e40.onnx": "E217",
        "onnx_negative_weight_dim.onnx": "E217",
        "onnx_resize_scale_1e30.onnx": "E217",
        "onnx_split_2e62.onnx": "E205",
        "onnx_long_dangling_name.onnx": "E202",
        // Found by `scripts/fuzz.sh darknet`: a [crop] of 2**31 and a [detection] head whose
        // input size times channels overflowed.
        "fuzz_darknet_detection_overflow.cfg": "E207",
        // Found by `scripts/fuzz.sh darknet`: a pool after upsamples past the limit overflowed
        // its shrink check before the verifier could report the size.
        "fuzz_darknet_pool_overflow.cfg": "E207",
        // Found by the 30-minute `scripts/fuzz.sh onnx` run: a ConstantOfShape weight of shape
        // [-2**31, 3, 3, 3] made a conv of negative width and trapped in ChannelRange.
        "fuzz_onnx_constant_of_shape_negative.onnx": "E208",
        // Found by the 30-minute `scripts/fuzz.sh yolo` run: C3k2's expansion `e` of 5e19
        // trapped converting c2·e to Int; every YOLO ratio (e, mlp_ratio) is now checked.
        "fuzz_yolo_expansion_5e20.yaml": "E217",
        // Found by the 30-minute `scripts/fuzz.sh pipeline` run: failing statements repeated by a
        // self-instantiating block recomputed "did you mean" each time (15.6 s under ASan).
        "fuzz_net_repeated_suggestions.net": "E208",
        // 30,000 `[`: a recursive JSON parser would overflow the stack; JSONParser keeps its
        // containers on a heap stack and stops at 512 levels.
        "json_nesting.json": "E217",
    ]

    /// Fixture names on disk, minus the ones another target's tests read (`.gpath.yml`).
    static var names: [String] {
        let url = RepositoryPaths.root.appendingPathComponent(folder)
        let all = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return all.filter { !$0.hasSuffix(".yml") }.sorted()
    }

    static func load(_ name: String) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        let path = "\(folder)/\(name)"
        let url = RepositoryPaths.root.appendingPathComponent(path)
        if name.hasSuffix(".onnx") {
            return ONNXReader.read((try? Data(contentsOf: url)) ?? Data(), name: path)
        }
        let file = SourceFile(name: path, text: RepositoryPaths.text(url))
        switch url.pathExtension {
        case "net": return NetReader.read(file)
        case "cfg": return DarknetReader.read(file)
        case "yaml": return YOLOYAMLReader.read(file)
        default: return GraphJSONReader.read(file)
        }
    }

    @Test("every regression fixture has an expected outcome")
    func listed() {
        #expect(Self.names.count >= Self.expected.count)
        for name in Self.names { #expect(Self.expected[name] != nil, "\(name) has no entry in RegressionFixtureTests.expected") }
    }

    @Test("a regression fixture loads or is refused with its code, with a location", arguments: names)
    func outcome(_ name: String) throws {
        let (graph, diagnostics) = Self.load(name)
        let expected = try #require(Self.expected[name], "\(name) has no entry")
        if let code = expected {
            #expect(graph == nil)
            let first = diagnostics.first { $0.severity == .error }
            #expect(first?.code.rawValue == code, "\(name): \(diagnostics.map(\.message))")
            #expect(first?.location != nil)
        } else {
            let graph = try #require(graph, "\(name): \(diagnostics.map(\.message))")
            // The analysis a report runs must not trap either.
            _ = GradientPathPass().run(on: graph)
            let costs = CostPass().run(on: graph)
            _ = costs.flops
            if FullAnalysisBudget.refusal(for: graph) == nil { _ = GradientAnalysisPass().run(on: graph) }
        }
    }

    @Test("costs beyond Int64 saturate instead of trapping")
    func saturatedCosts() throws {
        let graph = try #require(Self.load("cost_overflow.net").graph)
        let costs = CostPass().run(on: graph)
        #expect(costs.macs == Int.max)
        #expect(costs.flops == Int.max)
        #expect(costs.params == 8)
    }

    @Test("a 40-level concat ladder falls back to the linear-time figures")
    func concatLadder() throws {
        let graph = try #require(Self.load("concat_ladder40.net").graph)
        #expect(FullAnalysisBudget.refusal(for: graph) != nil)
        #expect(FullAnalysisBudget.segments(in: graph) > FullAnalysisBudget.maximumSegments)
    }

    @Test("the examples fit the full-analysis budget")
    func examplesFitBudget() {
        for url in RepositoryPaths.examples(withExtension: "net") {
            let file = SourceFile(name: url.lastPathComponent, text: RepositoryPaths.text(url))
            guard let graph = NetReader.read(file).graph else { continue }
            #expect(FullAnalysisBudget.refusal(for: graph) == nil, "\(url.lastPathComponent)")
        }
    }
}
