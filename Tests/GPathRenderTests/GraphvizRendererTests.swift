import Foundation
import GPathDiagnostics
import GPathFormats
import GPathRender
import GPathReport
import GPathTestSupport
import Testing

/// In-process rendering through libgvc: well-formed SVG, PNG and PDF; Graphviz's errors as
/// typed errors.
@Suite(.serialized)
struct GraphvizRendererTests {
    static func report(_ example: String) throws -> AnalysisReport {
        if example == "nasty" {
            let file = SourceFile(name: "nasty.json", text: PictureFixtures.nastyNamesJSON)
            return AnalysisReport.make(graph: try #require(GraphJSONReader.read(file).graph), inputName: file.name)
        }
        let url = RepositoryPaths.root.appendingPathComponent("examples/\(example).net")
        let file = SourceFile(name: "\(example).net", text: RepositoryPaths.text(url))
        return AnalysisReport.make(graph: try #require(NetReader.read(file).graph), inputName: file.name)
    }

    @Test("SVG parses as XML and names every layer", arguments: ["vovnet_deep", "prn", "resnet", "nasty"])
    func svg(example: String) throws {
        let report = try Self.report(example)
        let output = try GraphvizRenderer().render(dot: DOTWriter.write(report).text, as: .svg)
        #expect(output.warnings.isEmpty, "\(output.warnings)")
        let texts = try #require(SVGText.strings(in: output.bytes), "not well-formed XML")
        for layer in report.graph.layers {
            #expect(texts.contains(layer.name), "layer `\(layer.name)` missing from the SVG")
        }
    }

    @Test("PNG and PDF have their magic headers and a non-trivial size", arguments: ["vovnet_deep", "prn", "nasty"], [RenderFormat.png, .pdf])
    func binary(example: String, format: RenderFormat) throws {
        let dot = DOTWriter.write(try Self.report(example)).text
        let bytes = try GraphvizRenderer().render(dot: dot, as: format, dpi: 96).bytes
        let magic: [UInt8] = format == .png ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] : Array("%PDF-".utf8)
        #expect(Array(bytes.prefix(magic.count)) == magic)
        #expect(bytes.count > 5_000)
        if format == .pdf { #expect(String(decoding: bytes.suffix(32), as: UTF8.self).contains("%%EOF")) }
    }

    @Test("a higher dpi gives a larger PNG")
    func dpi() throws {
        let dot = DOTWriter.write(try Self.report("prn")).text
        let renderer = try GraphvizRenderer()
        let small = try renderer.render(dot: dot, as: .png, dpi: 72).bytes
        let large = try renderer.render(dot: dot, as: .png, dpi: 200).bytes
        #expect(Self.pngSize(large).width > 2 * Self.pngSize(small).width)
    }

    @Test("the timestamp diagram and the comparison chart render in every format", arguments: RenderFormat.allCases)
    func views(format: RenderFormat) throws {
        let prn = try #require(AnalysisReport.make(graph: try Self.report("prn").graph, inputName: "prn").analysis)
        let renderer = try GraphvizRenderer()
        let grid = try renderer.render(dot: TimestampDiagramWriter.write(prn, networkName: "prn"), as: format)
        let chart = try renderer.render(dot: ComparisonChartWriter.write(try Self.report("vovnet_deep"), try Self.report("vovnet_planned")), as: format)
        #expect(grid.bytes.count > 2_000)
        #expect(chart.bytes.count > 2_000)
        if format == .svg {
            let texts = try #require(SVGText.strings(in: grid.bytes))
            #expect(texts.contains("masked1.") && texts.contains("b[16:32]"))
            #expect(SVGText.strings(in: chart.bytes)?.contains("osa2.t") == true)
        }
    }

    @Test("rendering the same DOT again in one process draws the same text")
    func repeatable() throws {
        // Graphviz orders clusters by interned-string addresses, so within one process a later
        // render may emit clusters in another order; byte-identical SVG is checked per process
        // by the end-to-end golden (`gpath render` → render-vovnet_planned.svg).
        let dot = DOTWriter.write(try Self.report("resnet")).text
        let renderer = try GraphvizRenderer()
        let first = try #require(SVGText.strings(in: try renderer.render(dot: dot, as: .svg).bytes))
        let second = try #require(SVGText.strings(in: try GraphvizRenderer().render(dot: dot, as: .svg).bytes))
        #expect(first.sorted() == second.sorted())
    }

    @Test("bad DOT is a syntax error carrying Graphviz's message; the renderer stays usable")
    func syntaxError() throws {
        let renderer = try GraphvizRenderer()
        // Graphviz's scanner counts lines across parses, so only the message's gist is stable.
        let error = #expect(throws: RenderError.self) { try renderer.render(dot: "digraph { a -> ; }", as: .svg) }
        guard case .syntax(let message)? = error else { Issue.record("expected a syntax error, got \(String(describing: error))"); return }
        #expect(message.hasPrefix("syntax error in line") && message.hasSuffix("near ';'"), "\(message)")
        #expect(throws: RenderError.self) { try renderer.render(dot: "", as: .svg) }
        let after = try renderer.render(dot: "digraph { a -> b }", as: .svg)
        #expect(SVGText.strings(in: after.bytes)?.contains("a") == true)
    }

    @Test("output formats follow the file extension")
    func formats() {
        #expect(RenderFormat(fileExtension: "out/net.SVG") == .svg)
        #expect(RenderFormat(fileExtension: "a.b/net.pdf") == .pdf)
        #expect(RenderFormat(fileExtension: "net.png") == .png)
        #expect(RenderFormat(fileExtension: "net.gif") == nil)
        #expect(RenderFormat(fileExtension: "a.svg/net") == nil)
    }

    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int) {
        func word(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return bytes.count >= 24 ? (word(16), word(20)) : (0, 0)
    }
}
