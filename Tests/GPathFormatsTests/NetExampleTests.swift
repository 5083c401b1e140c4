import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import Testing

/// Every file in `examples/` and in the calibration set (`examples/calibration/good`, `bad`) must
/// load cleanly and print back to an equivalent graph.
@Suite("examples/*.net")
struct NetExampleTests {
    static let files = NetTestSupport.netFiles(in: NetTestSupport.examples)
        + ["good", "bad"].flatMap { NetTestSupport.netFiles(in: NetTestSupport.examples.appendingPathComponent("calibration/\($0)")) }

    @Test("the examples folder has the expected files")
    func exampleSetIsComplete() {
        let names = Set(Self.files.map(\.lastPathComponent))
        for expected in ["resnet.net", "resnet_deep.net", "prn.net", "densenet.net", "sparsenet.net", "cspnet.net",
                         "vovnet_deep.net", "vovnet_planned.net", "elan.net", "resnet_sg_block.net", "resnet_sg_identity.net"] {
            #expect(names.contains(expected), "missing examples/\(expected)")
        }
    }

    @Test("every example loads without diagnostics", arguments: files)
    func exampleLoads(_ url: URL) {
        let (graph, diagnostics) = NetReader.read(NetTestSupport.source(url))
        #expect(graph != nil, "\(url.lastPathComponent):\n\(NetTestSupport.describe(diagnostics))")
        #expect(diagnostics.isEmpty, "\(url.lastPathComponent):\n\(NetTestSupport.describe(diagnostics))")
    }

    @Test("every example starts with a header comment naming what it mirrors", arguments: files)
    func exampleHasHeader(_ url: URL) {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        #expect(text.hasPrefix("# "), "\(url.lastPathComponent) needs a header comment")
    }

    @Test("printing an example and reading it back gives an equivalent graph", arguments: files)
    func exampleRoundTrips(_ url: URL) throws {
        let graph = try #require(NetReader.read(NetTestSupport.source(url)).graph)
        let printed = NetPrinter.print(graph)
        let (reread, diagnostics) = NetTestSupport.read(printed, name: "printed.net")
        let again = try #require(reread, "\(NetTestSupport.describe(diagnostics))\n\(printed)")
        #expect(graph.isEquivalent(to: again), "\(graph.firstDifference(from: again) ?? "")")
    }
}
