import GPathAnalysis
import GPathIR

/// The report page's data, as the JSON its script reads (`<script type="application/json"
/// id="gpath-data">`): the rows of the layer table, the picture's nodes, and each layer's
/// highlighted paths as picture nodes. Keys sorted, arrays in declaration order: the same
/// report gives the same bytes.
///
/// - `layerFields`: the names of the positions in each `layers` entry.
/// - `layers`: one array per weighted layer: name, op, shape, source line (null: none),
///   channels, params and FLOPs (null: unknown), SGP and LGP (null: unreachable), critical
///   (reaches the longest shortest gradient path), and the picture node (index into `nodes`).
/// - `nodes`: per picture node, Graphviz's `title` and the `layers` it draws.
/// - `paths`: per layer, null (unreachable) or `[shortest, longest]`: the first step of its
///   shortest and longest path in `steps`.
/// - `steps`: the two forests of ``GradientPathChains`` (`shortest`, `longest`), each as
///   parallel arrays: `node`, the picture node of the step's graph node, and `next`, the
///   following step (-1 at the loss). Following `next` from a layer's first step and merging
///   repeats of a picture node in a row gives the path on the picture.
enum HTMLReportData {
    static let layerFields = ["name", "op", "shape", "line", "channels", "params", "flops", "shortest", "longest", "critical", "node"]

    static func json(_ input: HTMLReportInput, map: PictureNodeMap) -> JSONText {
        let report = input.report
        let critical = report.paths.longestShortestPath
        var nodeLayers = [[JSONText]](repeating: [], count: map.titles.count)
        var layers: [JSONText] = []
        var paths: [JSONText] = []
        for (index, layer) in report.paths.layers.enumerated() {
            let node = report.graph[layer.node]
            let cost = report.costs[node.id]
            let picture = map.pictureNodeOfNode[node.id.index]
            if picture >= 0 { nodeLayers[picture].append(.int(index)) }
            layers.append(.array([
                .string(node.name), .string(LayerTable.opDescription(node.op)), .string(node.shapeDescription),
                .int(node.location.map(\.line)), .int(node.channels), .int(cost.params),
                .int(cost.macs.map { $0.saturatingMultiplied(by: 2) }),
                .int(layer.shortest), .int(layer.longest),
                .bool(critical != nil && layer.longestShortestOverChannels == critical),
                .int(picture >= 0 ? picture : nil),
            ]))
            let chains = input.chains
            if index < chains.shortestStarts.count, index < chains.longestStarts.count,
               let shortest = chains.shortestStarts[index], let longest = chains.longestStarts[index] {
                paths.append(.array([.int(shortest), .int(longest)]))
            } else {
                paths.append(.null)
            }
        }
        let nodes: [JSONText] = zip(map.titles, nodeLayers).map { title, layers in
            .object(["title": .string(title), "layers": .array(layers)])
        }
        func forest(_ steps: [GradientPathChains.Step]) -> JSONText {
            .object([
                "node": .array(steps.map { .int(map.pictureNodeOfNode[$0.node.index]) }),
                "next": .array(steps.map { .int($0.next ?? -1) }),
            ])
        }
        return .object([
            "network": .string(report.graph.name),
            "layerFields": .array(layerFields.map { .string($0) }),
            "layers": .array(layers),
            "nodes": .array(nodes),
            "paths": .array(paths),
            "steps": .object(["shortest": forest(input.chains.shortestSteps), "longest": forest(input.chains.longestSteps)]),
        ])
    }
}
