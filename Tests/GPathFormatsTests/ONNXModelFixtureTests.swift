import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// The exports of today's models in `Fixtures/onnx/models/` (docs/onnx-model-fixtures.md):
/// every weighted node's shortest and longest gradient path equals the node-level computation
/// of `scripts/onnx-node-paths.py` recorded in `expected.json`, and the weighted layers are
/// exactly the file's Conv/ConvTranspose/Gemm nodes and the MatMuls with a weight operand.
struct ONNXModelFixtureTests {
    /// One model's entry in `expected.json`.
    struct Expected {
        let file: String
        let weighted: [String]
        let paths: [String: [Int]]
        let frameworkParams: Int
        let fusedParams: Int
        let floatInitializerElements: Int

        static func load(_ model: String) throws -> Expected {
            let url = RepositoryPaths.root.appendingPathComponent("\(ONNXFixtures.folder)/models/expected.json")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let models = try #require(root["models"] as? [String: Any])
            let entry = try #require(models[model] as? [String: Any], "\(model) is not in expected.json")
            let framework = try #require(entry["framework"] as? [String: Any])
            return Expected(
                file: try #require(entry["file"] as? String),
                weighted: try #require(entry["weighted_nodes"] as? [String]),
                paths: try #require(entry["paths"] as? [String: [Int]]),
                frameworkParams: try #require(framework["trainable_params"] as? Int),
                fusedParams: try #require(framework["fused_params"] as? Int),
                floatInitializerElements: try #require(entry["float_initializer_elements"] as? Int))
        }
    }

    static let models = [
        "yolov8n", "yolo11n", "vit_b_16", "vit_b_16_ln_decomposed", "swin_t", "convnext_tiny",
        "efficientnet_b0", "inception_v3", "mobilenet_v3_small", "resnet50",
    ]

    /// Reads a model fixture; only the expected W232 warnings (Swin's position permutations
    /// and patch-merging offsets) may come with it.
    static func read(_ model: String) throws -> Graph {
        let expected = try Expected.load(model)
        let (graph, diagnostics) = ONNXFixtures.read("models/\(expected.file)")
        let warnings = model == "swin_t" ? [DiagnosticCode.approximateImport, .approximateImport] : []
        #expect(diagnostics.map(\.code) == warnings, "\(model): \(diagnostics.map(\.message))")
        return try #require(graph, "\(model): \(diagnostics.map(\.message))")
    }

    @Test("weighted layers are the weighted ONNX nodes, and every one's paths equal expected.json", arguments: models)
    func paths(model: String) throws {
        let expected = try Expected.load(model)
        let graph = try Self.read(model)
        let layers = GradientPathPass().run(on: graph).layers
        #expect(layers.map(\.name).sorted() == expected.weighted.sorted(), "\(model)")
        #expect(layers.count == expected.weighted.count)
        var mismatches: [String] = []
        for layer in layers {
            let measured = [layer.shortest ?? -1, layer.longest ?? -1]
            if expected.paths[layer.name] != measured {
                mismatches.append("\(layer.name): \(measured) vs \(expected.paths[layer.name] ?? [])")
            }
        }
        #expect(mismatches.isEmpty, "\(model): \(mismatches.prefix(5))")
    }

    /// gpath's params against the framework's own count of the network the file holds
    /// (docs/onnx.md, "Parameters"): PyTorch's count of the eval-mode model with every
    /// Conv+BatchNorm pair fused, as the exporters write it (ultralytics' "summary (fused)").
    @Test("params: the framework's count of the exported network", arguments: [
        // model, and the params gpath reports for it
        ("yolov8n", 3_151_904), ("yolo11n", 2_616_248), ("vit_b_16", 86_567_656), ("vit_b_16_ln_decomposed", 86_567_656),
        ("swin_t", 28_288_354), ("convnext_tiny", 28_589_128), ("efficientnet_b0", 5_267_540),
        ("inception_v3", 23_817_352), ("mobilenet_v3_small", 2_536_800), ("resnet50", 25_530_472),
    ])
    func params(model: String, params: Int) throws {
        let expected = try Expected.load(model)
        let graph = try Self.read(model)
        #expect(CostPass().run(on: graph).params == params, "\(model)")
        #expect(params == expected.fusedParams, "\(model)")
        switch model {
        case "vit_b_16", "vit_b_16_ln_decomposed", "convnext_tiny", "swin_t":
            // Nothing to fuse: LayerNorm, class token, positional embedding, layer scale and
            // Swin's relative-position tables are all parameters, so the count is PyTorch's.
            #expect(params == expected.frameworkParams)
        default:
            // BatchNorm fused into the convs: one bias per channel instead of scale and shift;
            // inception_v3's eval forward also drops its training-only aux head.
            #expect(params < expected.frameworkParams)
        }
        switch model {
        case "swin_t":
            // Each block's [169, heads] table is exported gathered into a [1, heads, 49, 49]
            // initializer (+308,016 elements in the file); gpath counts the table.
            #expect(params == expected.floatInitializerElements - 308_016)
        case "yolov8n", "yolo11n":
            // The anchor grid, strides and scalars of the box decode are initializers after
            // the last layers, not parameters.
            #expect(params == expected.floatInitializerElements - (model == "yolov8n" ? 42_005 : 42_006))
        default:
            #expect(params == expected.floatInitializerElements)
        }
    }
}
