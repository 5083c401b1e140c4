import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// Darknet behaviours found by importing real cfgs (pjreddie's and AlexeyAB's zoos): a timed
/// `stopbackward`, repeated keys, shortcuts across sizes (`resnet50.cfg`) and the input `[crop]`
/// of the classifier cfgs (`vgg-16.cfg`). Each case is a small hand-written cfg.
struct DarknetCompatibilityTests {
    private static let net = "[net]\nwidth=8\nheight=8\nchannels=3\n"

    private static func read(_ body: String) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        DarknetReader.read(SourceFile(name: "x.cfg", text: net + body))
    }

    private static func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.code):\($0.location?.line ?? 0)" }
    }

    @Test("stopbackward=N > 1 only freezes the first N iterations: W215 and no barrier; stopbackward=1 stops for good")
    func timedStopBackward() throws {
        let body = "[convolutional]\nfilters=4\nsize=3\npad=1\n[convolutional]\nfilters=4\nsize=3\npad=1\nstopbackward=800\n[cost]\n"
        let timed = Self.read(body)
        #expect(Self.codes(timed.diagnostics) == ["W215:13"])
        #expect(timed.diagnostics.first?.message.contains("first 800 iterations") == true)
        let graph = try #require(timed.graph)
        #expect(graph.nodes.allSatisfy { node in node.inputs.allSatisfy { !$0.stopsGradient } })
        let permanent = try #require(Self.read(body.replacingOccurrences(of: "stopbackward=800", with: "stopbackward=1")).graph)
        #expect(permanent.nodes.contains { node in node.inputs.contains { $0.stopsGradient } })
    }

    @Test("a key set twice is W216 and the first value is used, as darknet does")
    func repeatedKey() throws {
        let (graph, diagnostics) = Self.read("[convolutional]\nfilters=4\nsize=3\nfilters=8\n[cost]\n")
        #expect(Self.codes(diagnostics) == ["W216:8"])
        #expect(diagnostics.first?.message == "`filters` is set twice in this `[convolutional]`; the first value (`4`) is used")
        #expect(try #require(graph).node(named: "0")?.channels == 4)
    }

    @Test("shortcut from a larger map samples every s-th position; from a smaller one adds into every s-th position")
    func shortcutAcrossSizes() throws {
        // 0: 8x8x8; 1: stride 2 → 4x4x16; 2 adds layer 0 (8x8x8, sampled every 2nd position) to
        // its first 8 channels; 3: upsample back to 8x8x16; 4 adds layer 1 (4x4x16, ×2) to it.
        let body = "[convolutional]\nfilters=8\nsize=3\npad=1\n[convolutional]\nfilters=16\nsize=3\npad=1\nstride=2\n"
            + "[shortcut]\nfrom=-2\n[upsample]\nstride=2\n[shortcut]\nfrom=-3\n[cost]\n"
        let (graph, diagnostics) = Self.read(body)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let g = try #require(graph)
        #expect(g.node(named: "2.from0")?.op == .passThrough(.maxPool(Pooling(kernel: 1, stride: 2))))
        #expect(g.node(named: "2.from0")?.shapeDescription == "8x4x4")
        #expect(g.node(named: "2")?.shapeDescription == "16x4x4")
        #expect(g.node(named: "4.from0")?.op == .passThrough(.upsample(scale: 2)))
        #expect(g.node(named: "4")?.shapeDescription == "16x8x8")
        // Sizes that are no integer multiple stay an error.
        let odd = Self.read("[convolutional]\nfilters=8\nsize=3\npad=1\n[convolutional]\nfilters=8\nsize=3\nstride=2\n[shortcut]\nfrom=-2\n[cost]\n")   // 8x8 into 3x3
        #expect(Self.codes(odd.diagnostics) == ["E204:14"])
    }

    @Test("a leading [crop] makes the network input crop_width x crop_height; elsewhere or without a size it is an error")
    func inputCrop() throws {
        let (graph, diagnostics) = Self.read("[crop]\ncrop_height=6\ncrop_width=4\nflip=1\nangle=0\n[convolutional]\nfilters=4\nsize=3\npad=1\n[cost]\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let g = try #require(graph)
        #expect(g.node(named: "input")?.spatial == Spatial(height: 6, width: 4))
        #expect(g.node(named: "0")?.op == .passThrough(.identity))
        #expect(g.node(named: "1")?.shapeDescription == "4x6x4")
        #expect(Self.codes(Self.read("[convolutional]\nfilters=4\nsize=3\n[crop]\ncrop_height=4\ncrop_width=4\n[cost]\n").diagnostics) == ["E214:8"])
        #expect(Self.codes(Self.read("[crop]\nflip=1\n[convolutional]\nfilters=4\n[cost]\n").diagnostics) == ["E106:5"])
        let large = Self.read("[crop]\ncrop_height=16\ncrop_width=4\n[convolutional]\nfilters=4\n[cost]\n").diagnostics
        #expect(large.map(\.message) == ["`[crop]` of 4 x 16 is larger than the 8 x 8 x 3 input"])
    }
}
