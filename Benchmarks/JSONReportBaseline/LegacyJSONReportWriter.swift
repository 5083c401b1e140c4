import GPathAnalysis
import GPathIR
import GPathReport

/// The JSON report writer as it was before ``JSONStreamWriter`` (commit 96d5aeb): each layer
/// built as a ``JSONText`` tree and rendered into one growing byte array. Kept out of shipped
/// code, as the baseline `gpath-bench --json-write` measures against and the reference the
/// stream-equality tests compare with.
///
/// Original summary: `--format json`: the report schema of `docs/spec/graph-json.md` (keys `graph`, `spec`,
/// `layers.<id>`, `timestamp_table`, `network`) plus gpath's own fields beside them
/// (`schema_version`, `tool`, `input`, `cost_units`, per-layer `index` (topological position
/// among weighted layers), `op`, `shape`, `params`, `macs`, `location`, network `params`,
/// `macs`, `flops`).
public enum LegacyJSONReportWriter {
    /// - Parameter includeSources: false leaves out each unit's `sources` list (and the
    ///   per-pair duplication table) and says so in `omitted`: on deep residual networks those
    ///   two grow as depth³ (ResNet-1001: tens of millions of entries).
    public static func write(_ report: AnalysisReport, includeSources: Bool = true) -> String {
        String(decoding: bytes(report, includeSources: includeSources), as: UTF8.self)
    }

    /// The report as UTF-8 text. Everything but `layers` is a small tree; the layers are
    /// rendered one at a time in key order, each tree dropped once written, so a report holds
    /// one layer's tree besides its output.
    /// - Parameter pretty: false renders without whitespace (the old renderer's compact mode,
    ///   which the old CLI never used for reports; kept for the compact baseline).
    public static func bytes(_ report: AnalysisReport, includeSources: Bool = true, pretty: Bool = true) -> [UInt8] {
        var root = rootFields(report, includeSources: includeSources)
        root["layers"] = .object([:])
        let layers = LayerFields(report, includeSources: includeSources)
        var out = LegacyJSONBytes(pretty: pretty)
        out.writeObject(root, indent: 0) { key, out in
            guard key == "layers" else { return false }
            out.writeObject(keys: layers.names, indent: 1) { name, out in out.write(layers.fields(named: name), indent: 2) }
            return true
        }
        out.appendNewline()
        return out.bytes
    }

    /// The number of `(unit, timestamp, emitter)` source entries a full report would list.
    public static func sourceEntryCount(_ analysis: GradientAnalysis) -> Int {
        analysis.units.reduce(0) { total, unit in total + unit.receptions.reduce(0) { $0 + $1.timestamps.count } }
    }

    /// The whole report as one tree (``bytes(_:includeSources:)`` prints the same text).
    public static func document(_ report: AnalysisReport, includeSources: Bool = true) -> JSONText {
        var root = rootFields(report, includeSources: includeSources)
        let layers = LayerFields(report, includeSources: includeSources)
        root["layers"] = .object(Dictionary(uniqueKeysWithValues: layers.names.map { ($0, layers.fields(named: $0)) }))
        return .object(root)
    }

    /// Each weighted layer's object, built on demand.
    struct LayerFields {
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

        func fields(named name: String) -> JSONText {
            guard let layerPaths = byName[name] else { return .null }
            let node = report.graph[layerPaths.node]
            var fields: [String: JSONText] = [
                "index": .int(position[node.id] ?? 0),
                "channels": .int(node.channels),
                "groups": .int(node.op.groups),
                "op": .string(node.op.kindName),
                "shape": .string(node.shapeDescription),
                "params": .int(report.costs[node.id].params),
                "macs": .int(report.costs[node.id].macs),
                "shortest_path": .int(layerPaths.shortest),
                "longest_path": .int(layerPaths.longest),
            ]
            if let location = node.location {
                fields["location"] = .object(["line": .int(location.line), "column": .int(location.column)])
            }
            if let layer = full[node.id] {
                fields["timestamps"] = .array(layer.timestamps.sorted.map { .int($0) })
                fields["path_count_by_length"] = LegacyJSONReportWriter.counts(layer.pathCounts)
                fields["units"] = .array(layer.units.map { LegacyJSONReportWriter.unit($0, includeSources: includeSources) })
            } else if let timestamps = stamps[node.id] {
                // As progressions: a deep residual net's sets hold thousands of values each.
                fields["timestamp_progressions"] = LegacyJSONReportWriter.progressions(timestamps)
                fields["timestamp_count"] = .int(timestamps.count)
            }
            return .object(fields)
        }
    }

    /// Every top-level field but `layers`.
    private static func rootFields(_ report: AnalysisReport, includeSources: Bool) -> [String: JSONText] {
        let graph = report.graph
        var root: [String: JSONText] = [
            "graph": .string(graph.name),
            "spec": .string("gradient-paths-1"),
            "schema_version": .int(AnalysisReport.schemaVersion),
            "analysis": .string(report.level.rawValue),
            "tool": .object(["name": .string("gpath"), "version": .string(AnalysisReport.toolVersion)]),
            "input": .string(report.inputName),
            "cost_units": .object([
                "params": .string("trainable parameters: weights, biases, norm scale and shift"),
                "macs": .string("multiply-accumulates per forward pass, batch 1"),
                "flops": .string("2 x macs"),
            ]),
            "network": network(report, includePairs: includeSources),
        ]
        if report.analysis != nil, !includeSources {
            root["omitted"] = .array([.string("units[].sources"), .string("network.duplication.*.pairs")])
        }
        if let analysis = report.analysis {
            var table: [String: JSONText] = [:]
            for row in analysis.timestampTable { table[String(row.t)] = .array(row.units.map { .string($0) }) }
            root["timestamp_table"] = .object(table)
        }
        return root
    }

    private static func unit(_ unit: UnitAnalysis, includeSources: Bool) -> JSONText {
        var fields: [String: JSONText] = [
            "unit": .string(unit.label),
            "channels": runs(unit.channels),
            "timestamps": .array(unit.timestamps.sorted.map { .int($0) }),
            "shortest_path": .int(unit.shortestPath),
            "longest_path": .int(unit.longestPath),
            "path_count_by_length": counts(unit.pathCounts),
        ]
        guard includeSources else { return .object(fields) }
        fields["sources"] = .array(unit.sources.map { entry in
                .object([
                    "t": .int(entry.t),
                    "from": .array(entry.from.map { source in
                        .object([
                            "emitter": .string(source.emitter),
                            "emitted_at": .int(source.emittedAt),
                            "channels": runs(source.channels),
                            "of": .int(source.of),
                            "share": .string(source.isFull ? "full" : "part"),
                        ])
                    }),
                ])
            })
        return .object(fields)
    }

    /// `[[first, last, step], …]`: ``TimestampSet/progressions``.
    static func progressions(_ set: TimestampSet) -> JSONText {
        .array(set.progressions.map { .array([.int($0.first), .int($0.last), .int($0.step)]) })
    }

    static func runs(_ set: ChannelSet) -> JSONText {
        .array(set.runs.map { .array([.int($0.lower), .int($0.upper)]) })
    }

    static func counts(_ counts: PathCounts) -> JSONText {
        var fields: [String: JSONText] = [:]
        for entry in counts.entries { fields[String(entry.length)] = .number(String(entry.count)) }
        return .object(fields)
    }

    private static func network(_ report: AnalysisReport, includePairs: Bool) -> JSONText {
        let paths = report.paths
        var fields: [String: JSONText] = [
            "num_layers": .int(paths.layers.count),
            "min_shortest_path": .int(paths.minShortestPath),
            "longest_shortest_path": .int(paths.longestShortestPath),
            "longest_shortest_path_layerwise": .int(paths.longestShortestPathLayerwise),
            "longest_path": .int(paths.longestPath),
            "unreachable_layers": .array(NaturalOrder.sorted(paths.unreachableLayers.map(\.name)).map { .string($0) }),
            "params": .int(report.costs.params),
            "macs": .int(report.costs.macs),
            "flops": .int(report.costs.flops),
        ]
        if report.costs.activationMACs > 0 { fields["activation_macs"] = .int(report.costs.activationMACs) }
        if let timestamps = report.timestamps {
            // Per layer at this level: units need the sources the full analysis computes.
            let combinations = timestamps.combinations
            fields["timestamp_combinations"] = .array(combinations.map(progressions))
            fields["timestamp_combinations_count"] = .int(combinations.count)
            fields["total_timestamps"] = .int(timestamps.totalTimestamps)
        }
        if let analysis = report.analysis {
            fields["num_units"] = .int(analysis.units.count)
            fields["unreachable_units"] = .array(analysis.unreachableUnits.map { .string($0) })
            fields["timestamp_combinations"] = .array(analysis.timestampCombinations.map { .array($0.sorted.map { .int($0) }) })
            fields["timestamp_combinations_count"] = .int(analysis.timestampCombinations.count)
            fields["source_combinations_count"] = .int(analysis.sourceCombinationsCount)
            fields["longest_shortest_path_units"] = .array(analysis.longestShortestPathUnits.map { .string($0) })
            fields["longest_path_units"] = .array(analysis.longestPathUnits.map { .string($0) })
            if analysis.inputPaths.isEmpty {
                fields["input_paths"] = .null
            } else {
                fields["input_paths"] = .object([
                    "shortest": .int(analysis.inputPaths.lengths.min),
                    "longest": .int(analysis.inputPaths.lengths.max),
                    "count_by_length": counts(analysis.inputPaths),
                    "total": .number(String(analysis.inputPaths.total)),
                ])
            }
            let pairs = includePairs ? analysis.duplicationPairs.compute() : (strict: [], source: [])
            fields["duplication"] = .object([
                "strict": duplication(analysis.strictDuplication, pairs: pairs.strict),
                "source": duplication(analysis.sourceDuplication, pairs: pairs.source),
            ])
        } else if let shortest = paths.inputShortest, let longest = paths.inputLongest {
            var input: [String: JSONText] = ["shortest": .int(shortest), "longest": .int(longest)]
            if let timestamps = report.timestamps {
                input["length_progressions"] = progressions(timestamps.inputLengths)
            }
            fields["input_paths"] = .object(input)
        } else {
            fields["input_paths"] = .null
        }
        return .object(fields)
    }

    private static func duplication(_ d: Duplication, pairs: [LayerPair]) -> JSONText {
        .object([
            "components": .int(d.components),
            "receptions": .int(d.receptions),
            "duplicated": .int(d.duplicated),
            "ratio": .decimal(d.ratio),
            "pairs": .array(pairs.map { .object(["a": .string($0.a), "b": .string($0.b), "shared": .int($0.shared)]) }),
        ])
    }
}
