import GPathAnalysis
import GPathIR

extension JSONReportWriter {
    /// The report's `layers` object: one member per weighted layer, by name, written from the
    /// analysis results as it goes.
    struct LayerWriter {
        let report: AnalysisReport
        let includeSources: Bool
        /// Layer names in key order.
        let names: [String]
        private let byName: [String: LayerGradientPaths]
        private let full: [NodeID: LayerAnalysis]
        private let stamps: [NodeID: TimestampSet]
        private let position: [NodeID: Int]

        init(_ report: AnalysisReport, includeSources: Bool) {
            self.report = report
            self.includeSources = includeSources
            let graph = report.graph
            byName = Dictionary(report.paths.layers.map { (graph[$0.node].name, $0) }, uniquingKeysWith: { first, _ in first })
            names = byName.keys.sorted()
            full = report.analysis.map { Dictionary(uniqueKeysWithValues: $0.layers.map { ($0.node, $0) }) } ?? [:]
            stamps = report.timestamps.map { Dictionary(uniqueKeysWithValues: $0.layers.map { ($0.node, $0.timestamps) }) } ?? [:]
            // `index`: the layer's position among weighted layers in topological order, so the
            // order survives a reader that sorts (or hashes) the `layers` object's keys.
            let weightedOrder = graph.topologicalOrder.filter { graph[$0].op.isWeighted }
            position = Dictionary(uniqueKeysWithValues: weightedOrder.enumerated().map { ($0.element, $0.offset) })
        }

        func write(into out: inout JSONStreamWriter) {
            out.beginObject()
            for name in names {
                out.key(name)
                guard let layerPaths = byName[name] else {
                    out.null()
                    continue
                }
                write(layerPaths, into: &out)
            }
            out.endObject()
        }

        /// One layer, members in key order.
        private func write(_ layerPaths: LayerGradientPaths, into out: inout JSONStreamWriter) {
            let node = report.graph[layerPaths.node]
            let layer = full[node.id]
            let timestamps = layer == nil ? stamps[node.id] : nil
            out.beginObject()
            out.key("channels")
            out.value(node.channels)
            out.key("groups")
            out.value(node.op.groups)
            out.key("index")
            out.value(position[node.id] ?? 0)
            if let location = node.location {
                out.key("location")
                out.beginObject()
                out.key("column")
                out.value(location.column)
                out.key("line")
                out.value(location.line)
                out.endObject()
            }
            out.key("longest_path")
            out.value(layerPaths.longest)
            out.key("macs")
            out.value(report.costs[node.id].macs)
            out.key("op")
            out.value(node.op.kindName)
            out.key("params")
            out.value(report.costs[node.id].params)
            if let layer {
                out.key("path_count_by_length")
                JSONReportWriter.writeCounts(layer.pathCounts, into: &out)
            }
            out.key("shape")
            out.value(node.shapeDescription)
            out.key("shortest_path")
            out.value(layerPaths.shortest)
            if let timestamps {
                // As progressions: a deep residual net's sets hold thousands of values each.
                out.key("timestamp_count")
                out.value(timestamps.count)
                out.key("timestamp_progressions")
                JSONReportWriter.writeProgressions(timestamps, into: &out)
            }
            if let layer {
                out.key("timestamps")
                JSONReportWriter.writeElements(layer.timestamps, into: &out)
                out.key("units")
                out.beginArray()
                for unit in layer.units { write(unit, into: &out) }
                out.endArray()
            }
            out.endObject()
        }

        /// One unit, members in key order.
        private func write(_ unit: UnitAnalysis, into out: inout JSONStreamWriter) {
            out.beginObject()
            out.key("channels")
            JSONReportWriter.writeRuns(unit.channels, into: &out)
            out.key("longest_path")
            out.value(unit.longestPath)
            out.key("path_count_by_length")
            JSONReportWriter.writeCounts(unit.pathCounts, into: &out)
            out.key("shortest_path")
            out.value(unit.shortestPath)
            if includeSources {
                out.key("sources")
                out.beginArray()
                for entry in unit.sources {
                    out.beginObject()
                    out.key("from")
                    out.beginArray()
                    for source in entry.from { write(source, into: &out) }
                    out.endArray()
                    out.key("t")
                    out.value(entry.t)
                    out.endObject()
                }
                out.endArray()
            }
            out.key("timestamps")
            JSONReportWriter.writeElements(unit.timestamps, into: &out)
            out.key("unit")
            out.value(unit.label)
            out.endObject()
        }

        private func write(_ source: GradientSource, into out: inout JSONStreamWriter) {
            out.beginObject()
            out.key("channels")
            JSONReportWriter.writeRuns(source.channels, into: &out)
            out.key("emitted_at")
            out.value(source.emittedAt)
            out.key("emitter")
            out.value(source.emitter)
            out.key("of")
            out.value(source.of)
            out.key("share")
            out.value(source.isFull ? "full" : "part" as StaticString)
            out.endObject()
        }
    }
}
