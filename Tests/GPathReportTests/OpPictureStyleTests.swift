@testable import GPathReport
import GPathIR
import GPathTestSupport
import Testing

/// The picture half of the op table: every ``OpKind`` has a picture style that agrees with its
/// family, and a picture of `x → op → loss` draws the op's node with that style.
struct OpPictureStyleTests {
    /// A DOT attribute each style's node statement carries (`DOTWriter+Nodes.swift`).
    static func marker(_ style: PictureModel.Kind) -> String {
        switch style {
        case .layer: "shape=box, style=\"rounded,filled\""
        case .input: "shape=invhouse"
        case .loss: "style=\"rounded,filled,bold\""
        case .add: "shape=circle"
        case .concat: "style=rounded, label=\"concat"
        case .mixing: "shape=hexagon"
        case .learned: "shape=cylinder"
        case .passThrough: "style=\"rounded,dashed\""
        case .stopGradient: "shape=octagon"
        case .block: "shape=box3d"
        }
    }

    @Test("every kind's picture style agrees with its family", arguments: OpKind.allCases)
    func family(kind: OpKind) {
        let style = kind.pictureStyle
        switch kind.definition.family {
        case .source: #expect(style == .input)
        case .weighted: #expect(style == .layer)
        case .merge: #expect(style == .add || style == .concat)
        case .mixing: #expect(style == .mixing)
        case .learned: #expect(style == .learned)
        case .passThrough: #expect(style == .passThrough)
        case .barrier: #expect(style == .stopGradient)
        case .objective: #expect(style == .loss)
        }
    }

    @Test("every op is drawn in its kind's style (learned tensors as badges)", arguments: OpKind.allCases)
    func drawn(kind: OpKind) throws {
        for op in kind.definition.samples {
            let (b, name) = OneOpGraph.builder(op)
            let graph = try #require(b.build().graph, "\(op)")
            let text = DOTWriter.write(AnalysisReport.make(graph: graph, inputName: "one"), options: PictureOptions()).text
            let statement = text.split(separator: "\n").first { $0.hasPrefix("  \"\(name)\" [") }
            if kind == .learned {
                // A learned tensor feeding the features is drawn as a badge on what it feeds.
                #expect(statement == nil && text.contains("◆ \(name)"), "\(op): \(text)")
                continue
            }
            let line = try #require(statement, "\(op): no node `\(name)` in\n\(text)")
            // A concat of a single input (Darknet's one-layer `[route]`) passes it through.
            let single = graph[try #require(graph.node(named: name)).id].inputs.count == 1
            let expected = kind.pictureStyle == .concat && single ? .passThrough : kind.pictureStyle
            #expect(line.contains(Self.marker(expected)), "\(op): \(line)")
        }
    }
}
