import GPathAnalysis
import GPathIR

extension JSONReportWriter {
    /// The report's `layers` object: one member per weighted layer, by name, written from the
    /// analysis results as it goes.
    ///
    /// Every per-layer table is an array indexed by the layer's position in
    /// `report.paths.layers` (the graph's weighted layers in declaration order, as
    /// ``GradientPathPass`` lists them), and each layer's node is read from the graph once.
    struct LayerWriter {
        let report: AnalysisReport
        let includeSources: Bool
        /// Positions in `report.paths.layers`, in key order (by name; a repeated name once).
        let order: [Int]
        /// Per position: the index of the layer in `report.analysis.layers`, or -1.
        private let full: [Int]
        /// Per position: the index of the layer in `report.timestamps.layers`, or -1.
        private let stamps: [Int]
        /// Per position: the layer's position among weighted layers in topological order.
        private let position: [Int]
        /// `report.timestamps?.layers`, held once: a layer's figures are read in place, so
        /// its set (cold in memory) is touched only when written.
        private let timestampLayers: [LayerTimestamps.Layer]
        /// Per distinct op of the graph (``Graph/distinctOps``): its groups and report name,
        /// worked out once instead of once per layer.
        private let opGroups: [Int]
        private let opNames: [String]

        init(_ report: AnalysisReport, includeSources: Bool) {
            self.report = report
            self.includeSources = includeSources
            let layers = report.paths.layers
            order = SortedKeyOrder.indices(of: layers.map(\.node), in: report.graph.nodeNames)
            // Node index → position in `layers` (-1: not a weighted layer).
            var slot = [Int](repeating: -1, count: report.graph.nodes.count)
            for (position, layer) in layers.enumerated() where slot.indices.contains(layer.node.index) {
                slot[layer.node.index] = position
            }
            func table(_ nodes: [NodeID]) -> [Int] {
                var table = [Int](repeating: -1, count: layers.count)
                for (index, node) in nodes.enumerated() where slot.indices.contains(node.index) && slot[node.index] >= 0 {
                    table[slot[node.index]] = index
                }
                return table
            }
            full = table(report.analysis?.layers.map(\.node) ?? [])
            stamps = table(report.timestamps?.layers.map(\.node) ?? [])
            timestampLayers = report.timestamps?.layers ?? []
            opGroups = report.graph.distinctOps.map(\.groups)
            opNames = report.graph.distinctOps.map(\.kindName)
            // `index`: the layer's position among weighted layers in topological order, so the
            // order survives a reader that sorts (or hashes) the `layers` object's keys.
            var position = [Int](repeating: 0, count: layers.count)
            var next = 0
            for id in report.graph.topologicalOrder where slot[id.index] >= 0 {
                position[slot[id.index]] = next
                next += 1
            }
            self.position = position
        }

        func write(into out: inout JSONStreamWriter) {
            let layers = report.paths.layers
            out.beginObject()
            let keys = LayerKeys(for: out, depth: out.depth + 1)
            let names = report.graph.nodeNames
            for slot in order {
                out.key(names, layers[slot].node)
                write(slot: slot, keys: keys, into: &out)
            }
            out.endObject()
        }

        /// One layer, members in key order.
        private func write(slot: Int, keys: LayerKeys, into out: inout JSONStreamWriter) {
            let graph = report.graph
            let id = report.paths.layers[slot].node
            let op = graph.opNumber(of: id)
            let channels = graph.channels(of: id)
            let cost = report.costs[id]
            let (shortest, longest) = Self.shortestAndLongest(report.paths.layers[slot].runs)
            out.beginObject()
            out.key(keys.channels)
            out.value(channels)
            out.key(keys.groups)
            out.value(opGroups[op])
            out.key(keys.index)
            out.value(position[slot])
            if let location = graph.location(of: id) {
                out.key(keys.location)
                out.beginObject()
                out.key(keys.column)
                out.value(location.column)
                out.key(keys.line)
                out.value(location.line)
                out.endObject()
            }
            out.key(keys.longestPath)
            out.value(longest)
            out.key(keys.macs)
            out.value(cost.macs)
            out.key(keys.op)
            out.value(opNames[op])
            out.key(keys.params)
            out.value(cost.params)
            let layer = full[slot] >= 0 ? report.analysis?.layers[full[slot]] : nil
            if let layer {
                out.key(keys.pathCountByLength)
                JSONReportWriter.writeCounts(layer.pathCounts, into: &out)
            }
            out.key(keys.shape)
            out.shape(channels: channels, spatial: graph.spatial(of: id))
            out.key(keys.shortestPath)
            out.value(shortest)
            if layer == nil, stamps[slot] >= 0 {
                // As progressions: a deep residual net's sets hold thousands of values each.
                let summary = timestampLayers[stamps[slot]].summary
                out.key(keys.timestampCount)
                out.value(summary.count)
                out.key(keys.timestampProgressions)
                JSONReportWriter.writeProgressions(of: timestampLayers, stamps[slot], into: &out)
            }
            if let layer {
                out.key(keys.timestamps)
                JSONReportWriter.writeElements(layer.timestamps, into: &out)
                out.key(keys.units)
                out.beginArray()
                for unit in layer.units { write(unit, into: &out) }
                out.endArray()
            }
            out.endObject()
        }

        /// ``LayerGradientPaths/shortest`` and ``LayerGradientPaths/longest`` in one pass,
        /// without the arrays those build.
        static func shortestAndLongest(_ runs: DistanceRuns) -> (shortest: Int?, longest: Int?) {
            var shortest: Int?, longest: Int?
            for run in runs {
                shortest = Swift.min(shortest ?? run.shortest, run.shortest)
                longest = Swift.max(longest ?? run.longest, run.longest)
            }
            return (shortest, longest)
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
                writeSources(of: unit, into: &out)
            }
            out.key("timestamps")
            JSONReportWriter.writeElements(unit.timestamps, into: &out)
            out.key("unit")
            out.value(unit.label)
            out.endObject()
        }

        /// ``UnitAnalysis/sources`` walked as it is defined — at each received timestamp, the
        /// receptions holding it, in their order — and written straight from the receptions,
        /// without its per-timestamp arrays of ``GradientSource`` values.
        private func writeSources(of unit: UnitAnalysis, into out: inout JSONStreamWriter) {
            let receptions = unit.receptions
            let timestamps = unit.receivedTimestamps
            let full = receptions.map { $0.channels.count == $0.of }
            out.beginArray()
            // Read in place: a copy of each reception per timestamp retained three buffers.
            receptions.withUnsafeBufferPointer { receptions in
                for t in timestamps {
                    out.beginObject()
                    out.key("from")
                    out.beginArray()
                    for index in receptions.indices where receptions[index].timestamps.contains(t) {
                        out.beginObject()
                        out.key("channels")
                        JSONReportWriter.writeRuns(receptions[index].channels, into: &out)
                        out.key("emitted_at")
                        out.value(t - 1)
                        out.key("emitter")
                        out.value(receptions[index].emitter)
                        out.key("of")
                        out.value(receptions[index].of)
                        out.key("share")
                        out.value(full[index] ? "full" : "part" as StaticString)
                        out.endObject()
                    }
                    out.endArray()
                    out.key("t")
                    out.value(t)
                    out.endObject()
                }
            }
            out.endArray()
        }
    }
}

extension JSONStreamWriter {
    /// `"C"` or `"CxHxW"`: ``Node/shapeDescription`` written without building the string.
    mutating func shape(channels: Int, spatial: Spatial?) {
        element()
        reserve(64)  // three integers of at most 20 bytes, two `x`, two quotes
        put(UInt8(ascii: "\""))
        putInteger(channels)
        if let spatial {
            put(UInt8(ascii: "x"))
            putInteger(spatial.height)
            put(UInt8(ascii: "x"))
            putInteger(spatial.width)
        }
        put(UInt8(ascii: "\""))
    }
}
