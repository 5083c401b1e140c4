@testable import GPathReport
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Blocks found by structure where names have none (Darknet), folding by structure, the labels
/// users recognise, and parameter tensors drawn as badges.
struct PictureHierarchyTests {
    /// A Darknet network: a stem, then two strided stages of three residual units each
    /// (`[shortcut] from=-3`), a single-layer route and a head.
    static let residualCfg = """
        [net]
        width=32
        height=32
        channels=3

        [convolutional]
        filters=8
        size=3
        stride=1
        pad=1
        activation=leaky
        """ + (0..<2).map { stage in
            "\n[convolutional]\nfilters=\(16 << stage)\nsize=3\nstride=2\npad=1\nactivation=leaky\n"
                + String(repeating: "\n[convolutional]\nfilters=8\nsize=1\nstride=1\npad=1\nactivation=leaky\n\n[convolutional]\nfilters=\(16 << stage)\nsize=3\nstride=1\npad=1\nactivation=leaky\n\n[shortcut]\nfrom=-3\nactivation=linear\n", count: 3)
        }.joined() + "\n[route]\nlayers=-1\n\n[convolutional]\nfilters=10\nsize=1\nstride=1\npad=1\nactivation=linear\n\n[cost]\n"

    private func darknet(_ text: String) throws -> Graph {
        let (graph, diagnostics) = DarknetReader.read(SourceFile(name: "res.cfg", text: text))
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.message))")
        return try #require(graph)
    }

    @Test("Darknet sections group into stages by resolution and residual spans, which fold ×3")
    func darknetStages() throws {
        let graph = try darknet(Self.residualCfg)
        let tree = BlockTree(graph)
        #expect(tree.isStructural)
        let names = tree.blocks.dropFirst().map(\.name)
        // Section 0 (32×32) is stage 1; sections 1–10 (16×16) stage 2; 11–23 (8×8) stage 3.
        #expect(names == ["stage 1 · 32×32", "stage 2 · 16×16", "2–4", "5–7", "8–10", "stage 3 · 8×8", "12–14", "15–17", "18–20"])
        let folding = RepeatFolding(graph, tree: tree)
        let units = tree.blocks.indices.filter { tree.blocks[$0].name == "2–4" || tree.blocks[$0].name == "12–14" }
        #expect(units.map { folding.multiplicity[$0] } == [3, 3])
        #expect(tree.blocks.indices.filter { folding.isHidden[$0] }.count == 4)
    }

    @Test("an expanded block is a cluster of its collapsed children; blocks inside it open in turn")
    func expandedBlock() throws {
        let report = AnalysisReport.make(graph: try darknet(Self.residualCfg), inputName: "res.cfg")
        var options = PictureOptions(collapseDepth: 1, foldsRepeats: true)
        let collapsed = DOTWriter.write(report, options: options).text
        #expect(collapsed.contains("\"block:stage2\" [shape=box3d"))
        #expect(!collapsed.contains("subgraph \"cluster_stage2\""))
        options.expandedBlocks = ["stage2"]
        let opened = DOTWriter.write(report, options: options).text
        #expect(opened.contains("subgraph \"cluster_stage2\""))
        #expect(opened.contains("\"block:stage2/2-4\" [shape=box3d"))
        #expect(opened.contains("<B>2–4</B> ×3"), "the three residual units fold into one collapsed node")
        #expect(opened.contains("\"block:stage3\" [shape=box3d"), "other stages stay collapsed")
        // Opening a block inside an opened one draws its layers.
        options.expandedBlocks.insert("stage2/2-4")
        let deeper = DOTWriter.write(report, options: options).text
        #expect(deeper.contains("subgraph \"cluster_stage2/2-4\""))
        #expect(deeper.contains("\"3\" [shape=box, style=\"rounded,filled\""))
        #expect(!deeper.contains("\"block:stage2/2-4\""))
    }

    @Test("Darknet labels carry section numbers: `4 shortcut ← 1`, a single-layer route passes through")
    func darknetLabels() throws {
        let graph = try darknet(Self.residualCfg)
        let text = DOTWriter.write(AnalysisReport.make(graph: graph, inputName: "res.cfg"), options: PictureOptions()).text
        #expect(text.contains("label=\"+ 4 shortcut ← 1\""))
        #expect(text.contains("label=\"21 route\""))
        let route = try #require(text.split(separator: "\n").first { $0.contains("\"21\" [shape") })
        #expect(route.contains("style=\"rounded,dashed\""), "a single-input route is a pass-through: \(route)")
    }

    @Test("ONNX names show their shortest unique module path")
    func onnxLabels() throws {
        var builder = GraphBuilder(name: "torch")
        builder.addNode("input", op: .input, channels: 3, spatial: Spatial(height: 8, width: 8))
        let names = ["/conv1/Conv", "/layer1/layer1.0/conv1/Conv", "/layer1/layer1.0/conv2/Conv", "/layer1/layer1.1/conv1/Conv", "/layer1/layer1.1/conv2/Conv"]
        var previous = "input"
        for name in names {
            builder.addNode(name, op: .convolution(Convolution(kernel: 3)), channels: 4)
            builder.connect(previous, to: name)
            previous = name
        }
        builder.addNode("/layer1/layer1.1/Add", op: .add)
        builder.connect(previous, to: "/layer1/layer1.1/Add")
        builder.connect("/layer1/layer1.1/conv1/Conv", to: "/layer1/layer1.1/Add")
        builder.addNode("/layer1/layer1.1/relu/Relu", op: .passThrough(.activation(.relu)))
        builder.connect("/layer1/layer1.1/Add", to: "/layer1/layer1.1/relu/Relu")
        builder.addNode("loss", op: .loss(.generic))
        builder.connect("/layer1/layer1.1/relu/Relu", to: "loss")
        let graph = try #require(builder.build().graph)
        let titles = PictureLabels(graph).nodeTitles
        #expect(Array(titles[1...5]) == ["conv1", "layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1", "layer1.1.conv2"])
        #expect(titles[6] == "layer1.1")
        #expect(titles[7] == "relu")
        let tree = BlockTree(graph)
        #expect(tree.blocks.map(\.path).contains("/layer1/layer1.0"))
        #expect(!tree.blocks.map(\.path).contains("/layer1/layer1"), "no duplicated `layer1` inside `layer1`")
    }

    @Test("a learned tensor broadcast into the features is a badge on the merge, not a node")
    func parameterBadges() throws {
        var builder = GraphBuilder(name: "badge")
        builder.addNode("x", op: .input, channels: 4, spatial: Spatial(height: 8, width: 8))
        builder.addNode("conv", op: .convolution(Convolution(kernel: 3)), channels: 4)
        builder.connect("x", to: "conv")
        builder.addNode("ia.one", op: .input, channels: 1, spatial: Spatial(height: 1, width: 1))
        builder.addNode("ia", op: .convolution(Convolution(kernel: 1)), channels: 4)
        builder.connect("ia.one", to: "ia")
        builder.addNode("ia.expand", op: .passThrough(.upsample(scale: 8)), channels: 4)
        builder.connect("ia", to: "ia.expand")
        builder.addNode("shift", op: .add)
        builder.connect("conv", to: "shift")
        builder.connect("ia.expand", to: "shift")
        builder.addNode("loss", op: .loss(.generic))
        builder.connect("shift", to: "loss")
        let (graph, diagnostics) = builder.build()
        let built = try #require(graph, "\(diagnostics.map(\.message))")
        let text = DOTWriter.write(AnalysisReport.make(graph: built, inputName: "badge"), options: PictureOptions()).text
        for hidden in ["ia.one", "ia", "ia.expand"] {
            #expect(!text.contains("\"\(hidden)\" [shape"), "\(hidden) is drawn as a node")
        }
        let shift = try #require(text.split(separator: "\n").first { $0.contains("\"shift\" [") })
        #expect(shift.contains("◆ ia · 4"))
    }
}

/// The timestamp diagram keeps every gradient source distinguishable past the palette's size.
struct TimestampDiagramSourceTests {
    @Test("a DenseNet with 40+ sources gives every source its own colour and number pair")
    func manySources() throws {
        let report = try PictureTestInputs.example("densenet", parameters: ["layers": 20], full: true)
        let analysis = try #require(report.analysis)
        let text = TimestampDiagramWriter.write(analysis, networkName: "densenet")
        let legend = try #require(text.range(of: "gradient sources")).upperBound
        let pattern = #/<TR><TD BGCOLOR="(#[0-9A-Fa-f]{6})" WIDTH="\d+" HEIGHT="12" FIXEDSIZE="TRUE"><FONT POINT-SIZE="7" COLOR="#[0-9a-f]{6}">(\d+)</FONT></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">(\d+) /#
        let rows = text[legend...].matches(of: pattern).map { (String($0.output.1), String($0.output.2), String($0.output.3)) }
        var emitters = Set<String>()
        for unit in analysis.units { for reception in unit.receptions { emitters.insert(reception.emitter) } }
        #expect(emitters.count > 40)
        #expect(rows.count == emitters.count)
        #expect(Set(rows.map { "\($0.0) \($0.1)" }).count == emitters.count, "colour and number pairs repeat")
        #expect(rows.allSatisfy { $0.1 == $0.2 }, "the swatch's number is the legend's")
        // Each grid swatch of a numbered diagram carries its number too.
        let grid = text[..<legend]
        #expect(grid.matches(of: #/FONT POINT-SIZE="7"/#).count > 100)
    }

    @Test("more than 60 units are drawn as stacked pages of at most 60 columns")
    func pages() throws {
        let report = try PictureTestInputs.example("densenet", parameters: ["layers": 24, "dense_blocks": 4], full: true)
        let analysis = try #require(report.analysis)
        let text = TimestampDiagramWriter.write(analysis, networkName: "densenet")
        let pageCount = (analysis.units.count + 59) / 60
        #expect(pageCount >= 2)
        for page in 2...pageCount { #expect(text.contains("  grid\(page) [label=<")) }
        #expect(!text.contains("  grid\(pageCount + 1) [label=<"))
        #expect(text.contains("  grid\(pageCount) -> sources [style=invis];"))
        // Every unit's header cell appears once, across the pages.
        #expect(text.matches(of: #/VALIGN="BOTTOM"/#).count == analysis.units.count)
    }

    @Test("with few sources the swatches are colours only (Figure 7 unchanged)")
    func fewSources() throws {
        let report = try PictureTestInputs.example("prn", full: true)
        let text = TimestampDiagramWriter.write(try #require(report.analysis), networkName: "prn")
        #expect(!text.contains("POINT-SIZE=\"7\""))
    }
}
