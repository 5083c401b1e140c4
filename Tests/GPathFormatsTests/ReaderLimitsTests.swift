import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// ``ReaderLimits``: the node limit of the expanding readers is the one they are given (the
/// fuzz harness reads with 10,000 nodes), and every way past it is an error at its place.
struct ReaderLimitsTests {
    let small = ReaderLimits(maximumNodes: 50)

    @Test("the product reads with 1,000,000 nodes")
    func standard() {
        #expect(ReaderLimits.standard.maximumNodes == 1_000_000)
        #expect(ReaderLimits() == .standard)
    }

    @Test("a .net repeat count above the given limit is E209 at the count, naming the limit")
    func repeatCount() throws {
        let text = "input x 4x8x8\ny = x -> repeat 51 relu\nloss out = cross_entropy(y)\n"
        let (graph, diagnostics) = NetReader.read(SourceFile(name: "r.net", text: text), limits: small)
        #expect(graph == nil)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(error.code == .expansionLimit)
        #expect(error.message == "repeat count 51 is above the limit of 50")
        #expect(error.location?.line == 2 && error.location?.column == 17)
        // The same file is well inside the product's limit.
        let (standard, none) = NetReader.read(SourceFile(name: "r.net", text: text))
        #expect(none.isEmpty && standard?.nodeCount == 53)
    }

    @Test("a .net loop and a growing network stop at the given limit")
    func loopAndNodes() throws {
        let loop = "input x 4\nfor i in 0..<60 {\n  relu\n}\nloss out = cross_entropy\n"
        let looped = NetReader.read(SourceFile(name: "l.net", text: loop), limits: small).diagnostics
        #expect(looped.map(\.message) == ["loop runs more than 50 times"])
        let chain = "input x 4\na = x -> repeat 30 relu\nb = a -> repeat 30 relu\nloss out = cross_entropy(b)\n"
        let grown = NetReader.read(SourceFile(name: "c.net", text: chain), limits: small).diagnostics
        let error = try #require(grown.first)
        #expect(grown.count == 1 && error.code == .expansionLimit)
        #expect(error.message == "the network expands to more than 50 nodes")
        #expect(error.location?.line == 3)
    }

    @Test("a YOLO model lowering to more nodes than the given limit is refused at the row")
    func yoloRows() throws {
        let text = """
            nc: 2
            backbone:
              - [-1, 1, Conv, [16, 3, 2]]
              - [-1, 20, Conv, [16, 3, 1]]
            head:
              - [-1, 1, Classify, [nc]]
            """
        let file = SourceFile(name: "y.yaml", text: text)
        let (graph, diagnostics) = YOLOYAMLReader.read(file, limits: ReaderLimits(maximumNodes: 20))
        #expect(graph == nil)
        let error = try #require(diagnostics.first)
        #expect(diagnostics.count == 1 && error.code == .sizeLimit)
        #expect(error.message == "the model expands to more than 20 nodes")
        #expect(error.location?.line == 4)
        #expect(YOLOYAMLReader.read(file).graph != nil)
    }
}
