import GPathIR

/// Node statements of the graph picture: HTML-like labels for layers and collapsed blocks,
/// small shapes for everything without weights.
extension DOTWriter {
    static func node(_ item: PictureModel.Item, model: PictureModel, scale: PictureScale?) -> String {
        let id = DOTQuoting.id(item.id)
        let graph = model.graph
        let names = item.nodes.map { graph[$0].name }
        if !item.badges.isEmpty, [.add, .concat, .passThrough, .mixing, .stopGradient].contains(item.kind) {
            return badgedMerge(item, id: id, names: names, model: model)
        }
        switch item.kind {
        case .layer, .block:
            return "\(id) [\(weighted(item, model: model, scale: scale).joined(separator: ", "))];\n"
        case .input:
            let node = graph[item.nodes[0]]
            return "\(id) [shape=invhouse, style=filled, fillcolor=\"#e8e8e8\", label=<<B>\(DOTQuoting.html(node.name))</B><BR/>"
                + "<FONT POINT-SIZE=\"9\">input \(DOTQuoting.html(node.shapeDescription))</FONT>>];\n"
        case .loss:
            let node = graph[item.nodes[0]]
            let badges = item.badges.map { "<BR/><FONT POINT-SIZE=\"9\">◆ \(DOTQuoting.html(badgeText($0, model: model)))</FONT>" }.joined()
            return "\(id) [shape=box, style=\"rounded,filled,bold\", fillcolor=\"#fde0dd\", label=<<B>\(DOTQuoting.html(node.name))</B><BR/>"
                + "<FONT POINT-SIZE=\"9\">\(DOTQuoting.html(node.op.kindName))</FONT>\(badges)>];\n"
        case .add:
            if let label = model.labels.sectionLabel(graph[item.nodes[0]]) {
                return "\(id) [shape=box, style=rounded, label=\(DOTQuoting.string(model.labels.mergeSymbol(graph[item.nodes[0]]) + " " + label)), fontsize=9, height=0.22, tooltip=\(tooltip(names, suffix: "add"))];\n"
            }
            return "\(id) [shape=circle, label=\"\(model.labels.mergeSymbol(graph[item.nodes[0]]))\", width=0.3, height=0.3, fixedsize=true, fontsize=14, tooltip=\(tooltip(names, suffix: "add"))];\n"
        case .concat:
            let kind = model.labels.sectionLabel(graph[item.nodes[0]]) ?? graph[item.nodes[0]].op.kindName
            return "\(id) [shape=box, style=rounded, label=\"\(kind)\", fontsize=9, height=0.22, tooltip=\(tooltip(names, suffix: kind))];\n"
        case .passThrough:
            let kinds = item.nodes.map { model.labels.sectionLabel(graph[$0]) ?? graph[$0].op.kindName }.joined(separator: " · ")
            return "\(id) [shape=box, style=\"rounded,dashed\", color=\"#888888\", fontcolor=\"#444444\", label=\(DOTQuoting.string(kinds)), "
                + "fontsize=9, height=0.2, tooltip=\(tooltip(names, suffix: kinds))];\n"
        case .mixing:
            let kinds = item.nodes.map { LayerTable.opDescription(graph[$0].op) }.joined(separator: " · ")
            return "\(id) [shape=hexagon, style=filled, fillcolor=\"#ece4f5\", color=\"#7a5c99\", label=\(DOTQuoting.string(kinds)), "
                + "fontsize=9, height=0.25, tooltip=\(tooltip(names, suffix: kinds + " (mixes channels)"))];\n"
        case .learned:
            let node = graph[item.nodes[0]]
            return "\(id) [shape=cylinder, style=filled, fillcolor=\"#f4efdc\", label=<<B>\(DOTQuoting.html(node.name))</B><BR/>"
                + "<FONT POINT-SIZE=\"9\">learned \(DOTQuoting.html(node.shapeDescription))</FONT>>];\n"
        case .stopGradient:
            return "\(id) [shape=octagon, label=\"stop\", color=\"\(ColorScale.alert)\", fontcolor=\"\(ColorScale.alert)\", fontsize=9, "
                + "height=0.25, tooltip=\(tooltip(names, suffix: "stop-gradient"))];\n"
        }
    }

    /// A small shape carrying parameter badges: a rounded box with the op (`+`, the section
    /// label) and one chip per parameter tensor.
    private static func badgedMerge(_ item: PictureModel.Item, id: String, names: [String], model: PictureModel) -> String {
        let node = model.graph[item.nodes[0]]
        let symbol = model.labels.mergeSymbol(node)
        let base = model.labels.sectionLabel(node).map { (item.kind == .add ? symbol + " " : "") + $0 } ?? (item.kind == .add ? symbol : node.op.kindName)
        let chips = badgeCells(item, model: model)
        return "\(id) [shape=box, style=rounded, margin=\"0.04,0.02\", label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\"><TR>"
            + "<TD><FONT POINT-SIZE=\"\(item.kind == .add && base == symbol ? 14 : 9)\">\(DOTQuoting.html(base))</FONT></TD>\(chips)</TR></TABLE>>, "
            + "tooltip=\(tooltip(names + item.badges.map { model.graph[$0].name }, suffix: "\(node.op.kindName) with \(badgeSummary(item, model: model))"))];\n"
    }

    /// One table cell per parameter badge: `◆ 105.ia.0 · 256`.
    static func badgeCells(_ item: PictureModel.Item, model: PictureModel) -> String {
        item.badges.map { badge in
            "<TD BGCOLOR=\"#f4efdc\"><FONT POINT-SIZE=\"9\">◆ \(DOTQuoting.html(badgeText(badge, model: model)))</FONT></TD>"
        }.joined()
    }

    private static func badgeText(_ badge: NodeID, model: PictureModel) -> String {
        let title = model.labels.sectionLabel(model.graph[badge]) ?? model.labels.nodeTitles[badge.index]
        let params = model.report.costs[badge].params.map { " · \(NumberText.compact($0))" } ?? ""
        return title + params
    }

    private static func badgeSummary(_ item: PictureModel.Item, model: PictureModel) -> String {
        "parameter tensor\(item.badges.count == 1 ? "" : "s") " + item.badges.map { badgeText($0, model: model) }.joined(separator: ", ")
    }

    private static func tooltip(_ names: [String], suffix: String) -> String {
        DOTQuoting.string(names.joined(separator: ", ") + ": " + suffix)
    }

    /// Attributes of a layer or a collapsed block: label, colour, critical outline, tooltip.
    private static func weighted(_ item: PictureModel.Item, model: PictureModel, scale: PictureScale?) -> [String] {
        let figures = item.figures
        var rows: [String] = []
        var tooltip: [String] = []
        let times = item.copies > 1 ? " ×\(item.copies)" : ""
        if item.kind == .layer {
            let node = model.graph[item.nodes[0]]
            rows.append("<B>\(DOTQuoting.html(model.labels.nodeTitles[node.id.index]))</B>\(times)")
            let op = LayerTable.opDescription(node.op)
            rows.append("\(DOTQuoting.html(op)) → \(DOTQuoting.html(node.shapeDescription))")
            tooltip.append("\(node.name): \(op), output \(node.shapeDescription)")
        } else if let block = item.block {
            let path = model.tree.blocks[block].path
            rows.append("<B>\(DOTQuoting.html(model.labels.blockTitle(model.tree.blocks[block], structural: model.tree.isStructural)))</B>\(times)")
            var line = "\(figures.layers) layer\(figures.layers == 1 ? "" : "s")"
            if let params = figures.params { line += " · \(NumberText.compact(params)) params" }
            rows.append(line)
            if model.tree.groupsRows, model.graph.sourceKinds[path] == nil, let modules = model.labels.rowModules(of: model.tree.blocks[block]) {
                rows.append(DOTQuoting.html(modules))
                tooltip.append(modules)
            }
            tooltip.append("block \(path)" + (item.copies > 1 ? " and \(item.copies - 1) identical copies" : "") + ": \(line)")
        }
        if let low = figures.shortestLow, let high = figures.shortestHigh, let longLow = figures.longestLow, let longHigh = figures.longestHigh {
            rows.append("SGP \(NumberText.range(low, high)) · LGP \(NumberText.range(longLow, longHigh))")
            tooltip.append("shortest gradient path \(NumberText.range(low, high)), longest \(NumberText.range(longLow, longHigh))")
        }
        if figures.unreachable > 0 {
            let text = figures.unreachable == figures.layers ? "unreachable" : "\(figures.unreachable) unreachable"
            rows.append("<I>\(text)</I>")
            tooltip.append("no gradient reaches \(figures.unreachable) layer\(figures.unreachable == 1 ? "" : "s")")
        }
        if !item.badges.isEmpty {
            rows.append(item.badges.map { "◆ " + DOTQuoting.html(badgeText($0, model: model)) }.joined(separator: "  "))
            tooltip.append(badgeSummary(item, model: model))
        }
        let label = rows.enumerated().map { index, row in index == 0 ? row : "<FONT POINT-SIZE=\"9\">\(row)</FONT>" }.joined(separator: "<BR/>")
        var attributes = [item.kind == .block ? "shape=box3d" : "shape=box"]
        attributes.append(item.kind == .block ? "style=filled" : "style=\"rounded,filled\"")
        if let scale, let value = figures.value(scale.metric) {
            attributes += ["fillcolor=\"\(scale.fill(value))\"", "fontcolor=\"\(scale.text(value))\""]
        } else {
            attributes.append("fillcolor=\"\(ColorScale.unreachable)\"")
        }
        if figures.isCritical {
            attributes += ["color=\"\(ColorScale.alert)\"", "penwidth=3"]
            tooltip.append("critical: reaches the longest shortest gradient path")
        }
        attributes.append("label=<\(label)>")
        attributes.append("tooltip=\(DOTQuoting.string(tooltip.joined(separator: "; ")))")
        return attributes
    }

    /// The legend: the colour scale's stops, then what outlines and dashed edges mean. It is
    /// part of the graph's label, under the title, so the two never overlap and the layout
    /// keeps no empty column beside a tall graph.
    static func legend(model: PictureModel, scale: PictureScale?) -> String {
        // Every table here is one column or one row: Graphviz 2.42 leaks the helper graphs it
        // builds to size two-dimensional HTML tables (sizeArray), about 25 KB per table per
        // render, while one-dimensional tables take a leak-free path.
        var rows = "<TR><TD ALIGN=\"LEFT\"><B>colour: \(DOTQuoting.html(model.options.colorBy.title))</B>"
        rows += scale.map { $0.metric.isLogarithmic ? " (log scale)" : "" } ?? " (no values)"
        rows += "</TD></TR>"
        if let scale {
            rows += "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\"><TR>" + scale.stops.map { value in
                "<TD BGCOLOR=\"\(scale.fill(value))\" WIDTH=\"26\"><FONT COLOR=\"\(scale.text(value))\" POINT-SIZE=\"9\">\(scale.text(forStop: value))</FONT></TD>"
            }.joined() + "</TR></TABLE></TD></TR>"
        }
        var notes: [String] = []
        if model.items.contains(where: { $0.figures.isCritical }) {
            let value = model.items.compactMap { $0.figures.isCritical ? $0.figures.shortestHigh : nil }.max() ?? 0
            notes.append("<FONT COLOR=\"\(ColorScale.alert)\"><B>red outline</B></FONT>: critical layer (shortest gradient path \(value), the longest)")
        }
        if model.edges.contains(where: \.stopsGradient) {
            notes.append("<FONT COLOR=\"\(ColorScale.alert)\">dashed red edge</FONT>: stop-gradient")
        }
        if model.items.contains(where: { $0.figures.unreachable > 0 }) { notes.append("grey: no gradient reaches the layer") }
        notes.append("SGP / LGP: shortest / longest gradient path")
        for note in notes { rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(note)</FONT></TD></TR>" }
        return "<TABLE BORDER=\"1\" COLOR=\"#b0b0b0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">\(rows)</TABLE>"
    }
}
