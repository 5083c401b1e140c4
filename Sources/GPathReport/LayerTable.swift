import GPathAnalysis
import GPathIR

/// The per-layer table shared by the terminal, Markdown and CSV writers: one row per weighted
/// layer in declaration order, the same columns in every format.
public struct LayerTable: Sendable {
    public struct Column: Sendable {
        public let title: String
        /// Right-aligned in the terminal (numbers).
        public let isNumeric: Bool
    }

    public let columns: [Column]
    public let rows: [[String]]

    public init(_ report: AnalysisReport) {
        var columns: [Column] = [
            Column(title: "#", isNumeric: true),
            Column(title: "layer", isNumeric: false),
            Column(title: "op", isNumeric: false),
            Column(title: "line", isNumeric: true),
            Column(title: "shape", isNumeric: false),
            Column(title: "channels", isNumeric: true),
            Column(title: "params", isNumeric: true),
            Column(title: "MACs", isNumeric: true),
            Column(title: "shortest", isNumeric: true),
            Column(title: "longest", isNumeric: true),
        ]
        let full = report.analysis.map { Dictionary(uniqueKeysWithValues: $0.layers.map { ($0.node, $0) }) } ?? [:]
        var combinationIDs: [TimestampSet: Int] = [:]
        var layerTimestamps: [NodeID: TimestampSet] = [:]
        if let analysis = report.analysis {
            columns += [
                Column(title: "#T", isNumeric: true),
                Column(title: "timestamps", isNumeric: false),
                Column(title: "sources", isNumeric: true),
                Column(title: "combination", isNumeric: false),
                Column(title: "units", isNumeric: true),
            ]
            for (index, combination) in analysis.timestampCombinations.enumerated() {
                combinationIDs[combination] = index + 1
            }
        } else if let timestamps = report.timestamps {
            columns += [Column(title: "#T", isNumeric: true), Column(title: "timestamps", isNumeric: false)]
            layerTimestamps = Dictionary(uniqueKeysWithValues: timestamps.layers.map { ($0.node, $0.timestamps) })
        }
        var rows: [[String]] = []
        for (index, paths) in report.paths.layers.enumerated() {
            let node = report.graph[paths.node]
            let cost = report.costs[node.id]
            let line: String = node.location.map { String($0.line) } ?? ""
            let params: String = cost.params.map { String($0) } ?? "?"
            let macs: String = cost.macs.map { String($0) } ?? "?"
            let shortest: String = paths.shortest.map { String($0) } ?? "-"
            let longest: String = paths.longest.map { String($0) } ?? "-"
            var row: [String] = [String(index), node.name, Self.opDescription(node.op), line]
            row += [node.shapeDescription, String(node.channels), params, macs, shortest, longest]
            if let layer = full[node.id] {
                let emitters = Set(layer.units.flatMap { $0.receptions.map(\.emitter) })
                let ids = Set(layer.units.compactMap { combinationIDs[$0.timestamps] }).sorted()
                row.append(String(layer.timestamps.count))
                row.append(layer.timestamps.isEmpty ? "-" : layer.timestamps.cellDescription())
                row.append(String(emitters.count))
                row.append(ids.isEmpty ? "-" : ids.map { "C\($0)" }.joined(separator: ","))
                row.append(String(layer.units.count))
            } else if let stamps = layerTimestamps[node.id] {
                row.append(String(stamps.count))
                row.append(stamps.isEmpty ? "-" : stamps.cellDescription())
            }
            rows.append(row)
        }
        self.columns = columns
        self.rows = rows
    }

    /// `conv3x3/2`, `conv1x7`, `conv3x3/1x2` (stride per axis), `conv1x1 g4`, `linear`, `layer`
    /// (the op's ``OpDefinition/summary(of:)``).
    public static func opDescription(_ op: Op) -> String {
        op.definition.summary(of: op)
    }
}
