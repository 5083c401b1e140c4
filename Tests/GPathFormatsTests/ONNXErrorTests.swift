import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Broken or unsupported inputs: every one a clear diagnostic with a stable code, never a
/// crash or a silent partial graph.
struct ONNXErrorTests {
    @Test("unreadable files: E110 naming the cause", arguments: [
        ("truncated.onnx", "truncated file"),
        ("corrupt.onnx", "protobuf encoding is corrupt"),
        ("wrong_magic.onnx", "zip archive"),
        ("not_a_model.onnx", "neither `ir_version` nor `graph`"),
    ])
    func unreadable(file: String, phrase: String) {
        let (graph, diagnostics) = ONNXFixtures.read(file)
        #expect(graph == nil)
        #expect(diagnostics.map(\.code) == [.malformedModel])
        #expect(diagnostics.first?.message.contains(phrase) == true, "\(diagnostics.map(\.message))")
        #expect(diagnostics.first?.location?.description == file)
    }

    @Test("an empty file and a text file are named as such")
    func emptyAndText() {
        #expect(ONNXReader.read([UInt8](), name: "x.onnx").diagnostics.first?.message.contains("is empty") == true)
        let text = ONNXReader.read(Array("ir_version: 8\ngraph { }".utf8), name: "x.onnx").diagnostics
        #expect(text.first?.message.contains("text") == true)
    }

    @Test("a cycle: E301 with the nodes on it in data-flow order")
    func cycle() {
        let (graph, diagnostics) = ONNXFixtures.read("cycle.onnx")
        #expect(graph == nil)
        #expect(diagnostics.map(\.code) == [.cycle])
        #expect(diagnostics.first?.message == "the graph has a cycle: `b` (node 1) -> `a` (node 0) -> `b` (node 1)")
    }

    @Test("a missing initializer: E202 naming the node, its index and the tensor")
    func missingInitializer() {
        let (graph, diagnostics) = ONNXFixtures.read("missing_initializer.onnx")
        #expect(graph == nil)
        #expect(diagnostics.map(\.code) == [.unknownName])
        #expect(diagnostics.first?.message == "node 0 `conv` (Conv) reads `conv.weight.missing`, which no node, initializer or graph input provides")
    }

    @Test("a channels-last section inside an NCHW network is followed: the Relu between the transposes is one node")
    func channelsLastInside() throws {
        let (graph, diagnostics) = ONNXFixtures.read("channels_last.onnx")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        let lowered = try #require(graph)
        #expect(lowered.nodes.map(\.name) == ["input", "stem", "act", "loss:y"])
        #expect(lowered.node(named: "act")?.shapeDescription == "8x8x8")
    }

    @Test("unsupported operators: one error listing each type with its count, or a warning as identity")
    func unsupported() throws {
        let (graph, diagnostics) = ONNXFixtures.read("unsupported.onnx")
        #expect(graph == nil)
        #expect(diagnostics.map(\.code) == [.unsupportedOperator])
        #expect(diagnostics.first?.message == "unsupported ONNX operators: `Einsum` ×2, `Erf` ×1")
        let (identity, warnings) = ONNXFixtures.read("unsupported.onnx", treatUnknownAsIdentity: true)
        #expect(warnings.map(\.code) == [.operatorAsIdentity])
        #expect(warnings.first?.severity == .warning)
        let lowered = try #require(identity)
        #expect(lowered.layers.map(\.name) == ["fc"])
    }

    @Test("every prefix of a model is either read or reported, never a crash")
    func everyPrefix() {
        let bytes = [UInt8](ONNXFixtures.bytes("constant_of_shape.onnx"))
        #expect(bytes.count > 1000)
        for length in 0..<bytes.count {
            let (graph, diagnostics) = ONNXReader.read(Array(bytes[..<length]), name: "prefix.onnx")
            #expect(graph != nil || diagnostics.containsError, "prefix of \(length) bytes")
        }
    }

    @Test("random byte corruption is reported, never a crash (seeded)")
    func randomCorruption() {
        let original = [UInt8](ONNXFixtures.bytes("csp_opset13.onnx"))
        var generator = SeededGenerator(seed: 8)
        for trial in 0..<300 {
            var bytes = original
            for _ in 0..<4 {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
            let (graph, diagnostics) = ONNXReader.read(bytes, name: "fuzz.onnx")
            #expect(graph != nil || diagnostics.containsError, "trial \(trial) (seed 8)")
        }
    }

    @Test("a whole-file location prints as the file name alone")
    func wholeFileLocation() {
        let location = SourceLocation(file: "model.onnx")
        #expect(location.description == "model.onnx")
        #expect(location.isWholeFile)
        let text = DiagnosticRenderer(files: []).render(Diagnostic(.malformedModel, "bad", at: location))
        #expect(text == "error[E110]: bad\n --> model.onnx\n")
    }
}
