import GPathAnalysis
import GPathIR

/// `gpath dot`: the network as Graphviz DOT — one node per weighted layer (name, op, output
/// shape, shortest/longest gradient path) coloured on viridis by the chosen metric with a
/// legend, critical layers outlined in red, merges and pass-throughs as small shapes, partial
/// edges labelled with their channel slices, stop-gradient edges red and dashed, losses at the
/// bottom, and the `.net` block hierarchy as clusters (collapsed or folded on request).
///
/// A pure function of the report and options: same input, byte-identical DOT. Node ids are
/// the layer names, quoted by ``DOTQuoting``.
public enum DOTWriter {
    /// The DOT text. With a `budget`, a picture with more nodes and clusters than that is
    /// folded and collapsed until it fits (see ``DOTPicture/note``).
    public static func write(_ report: AnalysisReport, options: PictureOptions = PictureOptions(), budget: Int? = nil) -> DOTPicture {
        let (model, adjustment) = budget.map { PictureModel.fitting(report, options: options, budget: $0) }
            ?? (PictureModel(report, options: options), nil)
        let values = model.items.filter { $0.kind == .layer || $0.kind == .block }.compactMap { $0.figures.value(model.options.colorBy) }
        let scale = PictureScale(metric: model.options.colorBy, values: values)
        var out = "digraph \(DOTQuoting.id(report.graph.name)) {\n"
        out += "  graph [rankdir=\(model.options.rankDirection.rawValue), newrank=true, \(model.options.isCompact ? "nodesep=0.2, ranksep=0.25" : "nodesep=0.3, ranksep=0.4"), "
        out += "fontname=\"DejaVu Sans\", fontsize=13, labelloc=t, label=<<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">"
        out += "<TR><TD>\(title(report, model: model))</TD></TR><TR><TD>\(legend(model: model, scale: scale))</TD></TR></TABLE>>];\n"
        out += "  node [fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.08,0.04\"];\n"
        out += "  edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#555555\", arrowsize=0.7];\n"
        out += body(model, scale: scale)
        let losses = model.items.filter { $0.kind == .loss }.map { DOTQuoting.id($0.id) }
        if !losses.isEmpty { out += "  { rank=sink; \(losses.joined(separator: "; ")); }\n" }
        for edge in model.edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(DOTQuoting.string(" " + label + " "))") }
            if edge.stopsGradient {
                attributes += ["style=dashed", "color=\"\(ColorScale.alert)\"", "penwidth=1.5", "tooltip=\"stop-gradient: no gradient flows back\""]
            }
            let suffix = attributes.isEmpty ? "" : " [" + attributes.joined(separator: ", ") + "]"
            out += "  \(DOTQuoting.id(model.items[edge.from].id)) -> \(DOTQuoting.id(model.items[edge.to].id))\(suffix);\n"
        }
        out += "}\n"
        return DOTPicture(
            text: out, size: model.size, options: model.options, hierarchyDepth: model.tree.deepest, rankCount: model.rankCount,
            expandable: expandable(model), requestedSize: adjustment?.requestedSize, note: adjustment?.note)
    }

    /// Collapsed blocks with something inside to show, critical first.
    private static func expandable(_ model: PictureModel) -> [String] {
        guard model.options.collapseDepth != nil else { return [] }
        let blocks = model.items.compactMap { item -> (path: String, critical: Bool)? in
            guard item.kind == .block, let block = item.block else { return nil }
            let info = model.tree.blocks[block]
            guard info.allNodes.count > 1, !model.options.expandedBlocks.contains(info.path) else { return nil }
            return (info.path, item.figures.isCritical)
        }
        return blocks.filter(\.critical).map(\.path) + blocks.filter { !$0.critical }.map(\.path)
    }

    /// Nodes, inside their clusters; clusters nest by an explicit stack (no recursion).
    private static func body(_ model: PictureModel, scale: PictureScale?) -> String {
        var itemsByHome: [Int: [Int]] = [:]
        for (index, item) in model.items.enumerated() { itemsByHome[item.home, default: []].append(index) }
        var childClusters: [Int: [Int]] = [:]
        for block in model.clusters {
            var parent = model.tree.blocks[block].parent ?? 0
            while parent != 0, !model.isCluster[parent] { parent = model.tree.blocks[parent].parent ?? 0 }
            childClusters[parent, default: []].append(block)
        }
        enum Step { case open(Int), close(Int) }
        var out = ""
        var stack: [Step] = (childClusters[0] ?? []).reversed().map { .open($0) }
        for index in itemsByHome[0] ?? [] { out += "  " + node(model.items[index], model: model, scale: scale) }
        while let step = stack.popLast() {
            switch step {
            case .close(let block):
                out += String(repeating: "  ", count: model.tree.blocks[block].depth) + "}\n"
            case .open(let block):
                let indent = String(repeating: "  ", count: model.tree.blocks[block].depth + 1)
                out += String(repeating: "  ", count: model.tree.blocks[block].depth) + "subgraph \(DOTQuoting.id("cluster_" + model.tree.blocks[block].path)) {\n"
                out += indent + clusterAttributes(block, model: model) + "\n"
                for index in itemsByHome[block] ?? [] { out += indent + node(model.items[index], model: model, scale: scale) }
                stack.append(.close(block))
                stack += (childClusters[block] ?? []).reversed().map { .open($0) }
            }
        }
        return out
    }

    private static func clusterAttributes(_ block: Int, model: PictureModel) -> String {
        let info = model.tree.blocks[block]
        let figures = model.clusterFigures[block] ?? ItemFigures()
        var heading = "<B>\(DOTQuoting.html(model.labels.clusterTitle(info)))</B>"
        var tooltip = info.path
        if model.folding.multiplicity[block] > 1, let ends = model.folding.runEnds[block] {
            heading += " ×\(model.folding.multiplicity[block])"
            tooltip = "\(ends.first) … \(ends.last): \(model.folding.multiplicity[block]) identical blocks drawn once"
        }
        var details = ["\(figures.layers) layer\(figures.layers == 1 ? "" : "s")"]
        if let low = figures.shortestLow, let high = figures.shortestHigh { details.append("SGP \(NumberText.range(low, high))") }
        let fill = info.depth % 2 == 1 ? "#f3f3f3" : "#fafafa"
        return "graph [label=<\(heading) <FONT POINT-SIZE=\"9\">\(details.joined(separator: " · "))</FONT>>, "
            + "tooltip=\(DOTQuoting.string(tooltip)), style=\"rounded,filled\", fillcolor=\"\(fill)\", color=\"#b0b0b0\", "
            + "labeljust=l, fontsize=11];"
    }

    /// The graph label: name and the headline figures.
    private static func title(_ report: AnalysisReport, model: PictureModel) -> String {
        var parts = ["\(report.paths.layers.count) layers"]
        if let value = report.paths.longestShortestPath {
            parts.append("longest shortest gradient path \(value) (\(report.paths.criticalLayers.count) critical)")
        }
        if let value = report.paths.longestPath { parts.append("longest gradient path \(value)") }
        if let params = report.costs.params { parts.append("\(NumberText.compact(params)) params") }
        return "<B>\(DOTQuoting.html(report.graph.name))</B><BR/><FONT POINT-SIZE=\"10\">\(DOTQuoting.html(parts.joined(separator: " · ")))</FONT>"
    }
}
