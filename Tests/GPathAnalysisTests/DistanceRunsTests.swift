import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// ``DistanceRuns``: each layer's runs are a window onto one array the pass shares, and must
/// still behave as that layer's own array.
struct DistanceRunsTests {
    @Test("every layer's runs index from 0, equal their own array, and hash alike when equal")
    func windows() throws {
        // A split layer (two runs) between single-run layers, so windows start past 0.
        let text = """
            input x 8
            a = x -> conv(8)
            b = a -> conv(8)
            m = concat(b[0:4], a[4:8])
            c = m -> conv(8)
            loss out = cross_entropy(c)
            """
        let graph = try #require(NetReader.read(SourceFile(name: "w.net", text: text)).graph)
        let layers = GradientPathPass().run(on: graph).layers
        #expect(layers.map(\.name) == ["a", "b", "c"])
        let a = try #require(layers.first { $0.name == "a" })
        #expect(a.runs.count == 2)
        #expect(a.runs.startIndex == 0 && a.runs.endIndex == 2)
        #expect(a.runs == [
            DistanceRun(range: ChannelRange(0, 4), shortest: 3, longest: 3),
            DistanceRun(range: ChannelRange(4, 8), shortest: 2, longest: 3),
        ])
        for layer in layers {
            let own = DistanceRuns(Array(layer.runs))
            #expect(layer.runs == own)
            #expect(layer.runs.hashValue == own.hashValue)
            #expect(layer.runs.description == Array(layer.runs).description)
            #expect(layer.runs.first == layer.runs[0])
        }
        #expect(layers[0].runs != layers[2].runs)
    }

    @Test("a tensor read through 20 slices at alternating depths keeps 20 runs (working buffers grow past their first size)")
    func manySlices() throws {
        var builder = GraphBuilder(name: "fan")
        builder.addNode("x", op: .input, channels: 40)
        builder.addNode("a", op: .layer(groups: 1), channels: 40)
        builder.connect("x", to: "a")
        builder.addNode("cat", op: .concat)
        for index in 0..<20 {
            var last = "s\(index)"
            builder.addNode(last, op: .layer(groups: 1), channels: 2)
            builder.connect("a", to: last, sourceRange: ChannelRange(2 * index, 2 * index + 2))
            if index % 2 == 1 {
                builder.addNode("t\(index)", op: .layer(groups: 1), channels: 2)
                builder.connect(last, to: "t\(index)")
                last = "t\(index)"
            }
            builder.connect(last, to: "cat")
        }
        builder.addNode("loss", op: .loss(.generic))
        builder.connect("cat", to: "loss")
        let graph = try #require(builder.build().graph)
        let a = try #require(GradientPathPass().run(on: graph).layers.first { $0.name == "a" })
        let expected = (0..<20).map { index in
            DistanceRun(range: ChannelRange(2 * index, 2 * index + 2), shortest: 2 + index % 2, longest: 2 + index % 2)
        }
        #expect(a.runs == DistanceRuns(expected))
    }
}
