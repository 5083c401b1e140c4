import GPathAnalysis
import GPathIR

/// The rows of darknet's load table (`layer filters size/strd(dil) input output BF`) for a
/// graph imported from a `.cfg`, plus gpath's gradient-path figures per section.
///
/// The Darknet importer names a section's output node by its index (`"12"`) and its helper
/// nodes `"12.<part>"`, so a section is every node whose name up to the first `.` is its index.
/// BFLOPs follow darknet's own per-layer counts: 2 × weights × output area for convolutions
/// (2 × MACs, as gpath counts), 2 × inputs × outputs for `[connected]`, size² × C × output area
/// for `[maxpool]`/`[local_avgpool]` (one operation per window element) and output size × number
/// of `from` layers for `[shortcut]`; darknet counts nothing for the other sections. O(V + E).
public struct DarknetLoadTable: Sendable {
    /// One section of the `.cfg`.
    public struct Row: Sendable, Hashable {
        public let index: Int
        /// darknet's name for the section (`conv`, `max`, `route`…).
        public let type: String
        /// `filters`, or `filters/groups`; empty for sections without weights.
        public let filters: String
        /// `size x size/ stride` with `(dilation)` for convolutions, `size x size/ stride` for
        /// pools, `2x` for upsampling, `/ 2` for reorg3d and downsampling; empty otherwise.
        public let window: String
        /// The input shape `W x H x C` for sections reading one layer; the layers read (with the
        /// channel slice taken, `1[8:16]`) for route, shortcut, sam and scale_channels.
        public let input: String
        /// The output shape `W x H x C`.
        public let output: String
        /// darknet's floating-point operation count (nil: darknet counts none for this section).
        public let flops: Int?
        /// Shortest and longest gradient path over the section's weighted layers; nil when it has
        /// none (``hasWeights`` false) or no gradient reaches them.
        public let shortest: Int?
        public let longest: Int?
        public let hasWeights: Bool
    }

    public let rows: [Row]

    /// Total of the BF column, in operations.
    public var totalFlops: Int { rows.reduce(0) { $0 + ($1.flops ?? 0) } }

    /// - Parameter sectionTypes: darknet's name for each layer section, by index
    ///   (`DarknetReader.sectionTypes`); sections without one are named by their main op.
    public init(_ report: AnalysisReport, sectionTypes: [String]) {
        let graph = report.graph
        var members: [Int: [Node]] = [:]
        for node in graph.nodes {
            if let section = Self.section(of: node.name) { members[section, default: []].append(node) }
        }
        var paths: [Int: [LayerGradientPaths]] = [:]
        for layer in report.paths.layers {
            if let section = Self.section(of: layer.name) { paths[section, default: []].append(layer) }
        }
        var rows: [Row] = []
        for index in members.keys.sorted() {
            guard let nodes = members[index], let main = graph.node(named: String(index)) else { continue }
            let type = index < sectionTypes.count ? sectionTypes[index] : main.op.kindName
            let weighted = nodes.filter { $0.op.isWeighted }
            let sectionPaths = paths[index] ?? []
            rows.append(Row(
                index: index, type: type, filters: Self.filters(weighted), window: Self.window(nodes, main: main, type: type),
                input: Self.input(nodes, section: index, type: type, in: graph), output: Self.shape(main),
                flops: Self.flops(nodes, main: main, type: type, costs: report.costs, in: graph),
                shortest: sectionPaths.compactMap(\.shortest).min(), longest: sectionPaths.compactMap(\.longest).max(),
                hasWeights: !weighted.isEmpty))
        }
        self.rows = rows
    }

    /// The section index a node name belongs to: its digits before the first `.`.
    static func section(of name: String) -> Int? {
        let prefix = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard !prefix.isEmpty, prefix.allSatisfy(\.isASCII), let index = Int(prefix), index >= 0, String(index) == prefix else { return nil }
        return index
    }

    /// darknet's `%4d x%4d x%4d` (width, height, channels).
    static func shape(_ node: Node, channels: Int? = nil) -> String {
        let c = channels ?? node.channels
        guard let s = node.spatial else { return "\(c)" }
        return "\(pad(s.width, 4)) x\(pad(s.height, 4)) x\(pad(c, 4))"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private static func filters(_ weighted: [Node]) -> String {
        guard let layer = weighted.last else { return "" }
        let groups = layer.op.groups
        return groups == 1 ? String(layer.channels) : "\(layer.channels)/\(groups)"
    }

    /// A stride as darknet prints it: `/ 2`, or `/ 2x 1` (stride_x × stride_y) when the axes differ.
    private static func stride(_ s: AxisPair) -> String {
        s.isSquare ? pad(s.height, 2) : "\(pad(s.width, 2))x\(pad(s.height, 2))"
    }

    private static func window(_ nodes: [Node], main: Node, type: String) -> String {
        for node in nodes.reversed() {
            switch node.op {
            case .convolution(let c) where node.name == main.name && type == "conv":
                let base = "\(pad(c.kernel.height, 2)) x\(pad(c.kernel.width, 2))/\(stride(c.stride))"
                return c.dilation != 1 ? base + "(\(c.dilation))" : base
            case .passThrough(.maxPool(let p)) where type == "reorg3d":
                return "/\(stride(p.stride))"
            case .passThrough(.maxPool(let p)), .passThrough(.averagePool(let p)):
                if type == "downsample" { return "/\(stride(p.stride))" }
                return "\(pad(p.kernel.height, 2))x\(pad(p.kernel.width, 2))/\(stride(p.stride))"
            case .passThrough(.upsample(let scale)) where node.name == main.name:
                return "\(pad(scale, 2))x"
            default: continue
            }
        }
        return ""
    }

    /// External inputs of the section: edges from nodes of other sections (or the input).
    private static func input(_ nodes: [Node], section: Int, type: String, in graph: Graph) -> String {
        var seen: [String] = []
        var first: (Node, Int)?
        for node in nodes {
            for edge in node.inputs {
                let source = graph[edge.source]
                guard Self.section(of: source.name) != section else { continue }
                var label = Self.section(of: source.name).map(String.init) ?? source.name
                if edge.sourceRange != ChannelRange(0, source.channels) { label += "\(edge.sourceRange)" }
                if !seen.contains(label) { seen.append(label) }
                if first == nil { first = (source, edge.width) }
            }
        }
        let listsLayers = ["route", "shortcut", "sam", "scale_channels"].contains(type)
        if !listsLayers, seen.count == 1, let (source, width) = first { return shape(source, channels: width) }
        // A merge reads the previous layer and its `from` layers: name the previous one first.
        if type != "route", let previous = seen.firstIndex(of: String(section - 1)) {
            seen.insert(seen.remove(at: previous), at: 0)
        }
        return seen.joined(separator: ", ")
    }

    private static func flops(_ nodes: [Node], main: Node, type: String, costs: Costs, in graph: Graph) -> Int? {
        let area = main.spatial?.area ?? 1
        switch type {
        case "conv", "connected", "implicit":
            return nodes.filter { $0.op.isWeighted }.reduce(0) { $0.saturatingAdding((costs[$1.id].macs ?? 0).saturatingMultiplied(by: 2)) }
        case "max", "local_avg":
            guard case .passThrough(let pass) = main.op else { return nil }
            switch pass {
            case .maxPool(let p), .averagePool(let p): return p.kernel.height * p.kernel.width * main.channels * area
            default: return nil
            }
        case "shortcut":
            guard let sum = nodes.first(where: { $0.op == .add }) else { return nil }
            return main.channels * area * max(0, sum.inputs.count - 1)
        default:
            return nil
        }
    }
}
