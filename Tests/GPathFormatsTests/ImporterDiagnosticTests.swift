import Foundation
import GPathDiagnostics
import GPathFormats
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
