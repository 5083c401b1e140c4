import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Malformed Darknet and YOLO files: each mistake is a diagnostic with a code and a line.
struct ImporterDiagnosticTests {
    private func diagnostics(_ name: String) -> [Diagnostic] {
        let path = "Tests/GPathFormatsTests/Fixtures/\(name)"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let result = name.hasSuffix(".cfg") ? DarknetReader.read(file) : YOLOYAMLReader.read(file)
        #expect(result.graph == nil)
        return result.diagnostics
    }

    private func summary(_ name: String) -> [String] {
        diagnostics(name).map { "\($0.code):\($0.location?.line ?? 0)" }
    }

    @Test("darknet: bad index, missing key, unknown section/key, head width, truncated file")
    func darknet() {
        #expect(summary("darknet/bad_index.cfg") == ["E208:11"])
        #expect(summary("darknet/missing_key.cfg") == ["E106:1", "E106:9"])
        #expect(summary("darknet/unknown_section.cfg") == ["E201:6", "E214:9", "E207:13", "W215:15"])
        #expect(diagnostics("darknet/unknown_section.cfg").flatMap(\.helps).contains("did you mean `filters`?"))
        #expect(summary("darknet/channel_mismatch.cfg") == ["E204:10"])  // the grouped conv after the failed head stays quiet
        #expect(summary("darknet/truncated.cfg") == ["E102:10"])
    }

    @Test("yolo yaml: bad from, unknown module, channel mismatch, truncated file")
    func yolo() {
        #expect(summary("yolo/bad_from.yaml") == ["E208:4", "E208:5"])
        #expect(summary("yolo/unknown_module.yaml") == ["E201:5"])
        #expect(summary("yolo/channel_mismatch.yaml") == ["E204:5"])
        #expect(summary("yolo/truncated.yaml").first?.hasPrefix("E109") == true)
    }

    @Test("yolo yaml: a rejected file activation points at `activation:`; ZeroPad2d not read by a pool; a transposed conv that is not an exact upsample")
    func yoloTorchRows() {
        #expect(summary("yolo/torch_layers_errors.yaml") == ["E214:3", "E214:8", "E214:9"])
        let activation = diagnostics("yolo/torch_layers_errors.yaml").first
        #expect(activation?.location?.column == 13)
        #expect(activation?.message == "activation `torch.nn.Swish` has no gpath equivalent")
    }

    @Test("yolo yaml: GELAN rows with an odd c3 or a missing c4; CBFuse reading a row that is not a CBLinear piece")
    func yoloGELAN() {
        #expect(summary("yolo/gelan_errors.yaml") == ["E208:6", "E106:7", "E208:9", "E208:10"])
    }

    @Test("yolo yaml: C2PSA and C3k2 with attn import; YOLO-World's text-guided C2fAttn alone is E214, with why")
    func yoloAttention() {
        #expect(summary("yolo/attention.yaml") == ["E214:8"])
        let text = diagnostics("yolo/attention.yaml").first
        #expect(text?.message == "module `C2fAttn` cannot be represented")
        #expect(text?.notes.first?.contains("text embeddings") == true)
    }

    @Test("yolo yaml: a misspelt yolov7 CSP module suggests its real sibling; a Swin CSP module is not lowered yet (E214)")
    func yoloTodayModules() {
        #expect(summary("yolo/unknown_today.yaml") == ["E201:7", "E214:8"])
        let unknown = diagnostics("yolo/unknown_today.yaml").first
        #expect(unknown?.helps == ["did you mean `BottleneckCSPA`?"])
        #expect(diagnostics("yolo/unknown_today.yaml").last?.message == "module `STCSPA` cannot be represented")
        #expect(diagnostics("yolo/unknown_today.yaml").last?.notes.first?.contains("Swin") == true)
    }

    @Test("yolo yaml: task heads with a missing top-level kpt_shape, a bad kpt_shape, zero angles, masks or classes")
    func yoloTaskHeads() {
        #expect(summary("yolo/task_head_errors.yaml") == ["E208:6", "E208:7", "E208:8", "E208:9", "E208:10"])
        let pose = diagnostics("yolo/task_head_errors.yaml").first
        #expect(pose?.message == "`Pose`'s `kpt_shape` must be `[keypoints, dims]`, not `kpt_shape`")
        #expect(pose?.notes == ["the argument names the top-level `kpt_shape`, which the file does not set"])
    }

    @Test("yolo yaml: `end2end` that is not a boolean and `reg_max` below 1 are E106 at their values")
    func yoloHeadKeys() {
        #expect(summary("yolo/head_key_errors.yaml") == ["E106:3", "E106:4"])
    }

    @Test("YAML syntax errors are E109 at Yams' line and column, naming the enclosing construct")
    func yamlSyntax() {
        let text = "nc: 2\nbackbone:\n  - [-1, 1, Conv, [8, 3, 2]]\n   bad: [\nhead: []\n"
        let diagnostics = YOLOYAMLReader.read(SourceFile(name: "x.yaml", text: text)).diagnostics
        #expect(diagnostics.map { "\($0.code):\($0.location?.line ?? 0):\($0.location?.column ?? 0)" } == ["E109:4:4"])
        #expect(diagnostics.first?.notes == ["while parsing a block collection that started at line 3, column 3"])
        #expect(DiagnosticCode.named("E109")?.summary == "the file is not valid YAML")
        #expect(diagnostics.allSatisfy { $0.code != .malformedJSON })
    }

    @Test("darknet: stride_x and stride_y stride each axis (W and H) of convolutions and pools; equal ones override stride")
    func anisotropicStride() throws {
        let text = "[net]\nwidth=8\nheight=8\nchannels=3\n[convolutional]\nfilters=4\nsize=3\nstride_x=2\nstride_y=1\n"
            + "[maxpool]\nsize=2\nstride_x=2\nstride_y=1\n[cost]\n"
        let result = DarknetReader.read(SourceFile(name: "x.cfg", text: text))
        #expect(result.diagnostics.isEmpty)
        let graph = try #require(result.graph)
        // H' = (8 − 3)/1 + 1 = 6, W' = (8 − 3)/2 + 1 = 3; the pool keeps H (total padding 1) and halves W.
        #expect(graph.node(named: "0")?.shapeDescription == "4x6x3")
        #expect(graph.node(named: "1")?.shapeDescription == "4x6x2")
        guard case .convolution(let c)? = graph.node(named: "0")?.op else { Issue.record("layer 0 is not a convolution"); return }
        #expect(c.stride == AxisPair(height: 1, width: 2))
        #expect(c.kernel == 3)
        let equal = text.replacingOccurrences(of: "stride_y=1", with: "stride_y=2")
        #expect(DarknetReader.read(SourceFile(name: "x.cfg", text: equal)).graph?.node(named: "0")?.shapeDescription == "4x3x3")   // (8 − 3)/2 + 1
    }

    @Test("the module fixtures load without any diagnostic", arguments: [
        "darknet/all_sections.cfg", "darknet/dilated_detection.cfg", "darknet/multi_from.cfg", "yolo/v5_modules.yaml", "yolo/v7_modules.yaml",
        "yolo/detect_anchor_count.yaml", "yolo/torch_layers.yaml", "yolo/gelan_modules.yaml",
        "yolo/ghost_modules.yaml", "yolo/c3k2_modules.yaml", "yolo/classify.yaml", "yolo/segment.yaml",
        "yolo/segment_anchors.yaml", "yolo/pose_obb.yaml", "yolo/end_to_end.yaml", "yolo/yolov7_csp.yaml", "yolo/v10_modules.yaml",
        "yolo/rtdetr_backbone.yaml", "yolo/resnet_layer.yaml", "yolo/c2_modules.yaml", "yolo/segment26.yaml", "yolo/pose26.yaml",
        "yolo/obb26.yaml",
    ])
    func cleanFixtures(_ name: String) {
        let path = "Tests/GPathFormatsTests/Fixtures/\(name)"
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let result = name.hasSuffix(".cfg") ? DarknetReader.read(file) : YOLOYAMLReader.read(file)
        #expect(result.graph != nil)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test("empty and garbage inputs never crash")
    func robustness() {
        for text in ["", "[net]", "[net]\nwidth=x", "=\n[", "[net]\nwidth=8\nheight=8\nchannels=3\n[route]\nlayers=0"] {
            let result = DarknetReader.read(SourceFile(name: "x.cfg", text: text))
            #expect(result.graph == nil && result.diagnostics.containsError, "\(text)")
        }
        for text in ["", "nc: 2", "backbone: 3\nhead: []", "backbone: [[1]]\nhead: [[-1, 1, Conv]]", ": : :"] {
            let result = YOLOYAMLReader.read(SourceFile(name: "x.yaml", text: text))
            #expect(result.graph == nil && result.diagnostics.containsError, "\(text)")
        }
    }
}
