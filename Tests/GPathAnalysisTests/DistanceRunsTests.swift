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
}
