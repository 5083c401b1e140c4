import GPathAnalysis
import GPathIR

extension JSONReportWriter {
    /// The report's `network` object: whole-graph figures, members in key order.
    struct NetworkWriter {
        let report: AnalysisReport
        /// Whether the per-pair duplication tables are computed and listed.
        let includePairs: Bool

        func write(into out: inout JSONStreamWriter) {
            let paths = report.paths
            let figures = PathFigures(paths)
            let analysis = report.analysis
            out.beginObject()
            if report.costs.activationMACs > 0 {
                out.key("activation_macs")
                out.value(report.costs.activationMACs)
            }
            if let analysis {
                let pairs = includePairs ? analysis.duplicationPairs.compute() : (strict: [], source: [])
                out.key("duplication")
                out.beginObject()
                out.key("source")
                write(analysis.sourceDuplication, pairs: pairs.source, into: &out)
                out.key("strict")
                write(analysis.strictDuplication, pairs: pairs.strict, into: &out)
                out.endObject()
            }
            out.key("flops")
            out.value(report.costs.flops)
            out.key("input_paths")
            writeInputPaths(into: &out)
            out.key("longest_path")
            out.value(figures.longestPath)
            if let analysis {
                out.key("longest_path_units")
                writeStrings(analysis.longestPathUnits, into: &out)
            }
            out.key("longest_shortest_path")
            out.value(figures.longestShortestPath)
            out.key("longest_shortest_path_layerwise")
            out.value(figures.longestShortestPathLayerwise)
            if let analysis {
                out.key("longest_shortest_path_units")
                writeStrings(analysis.longestShortestPathUnits, into: &out)
            }
            out.key("macs")
            out.value(report.costs.macs)
            out.key("min_shortest_path")
            out.value(figures.minShortestPath)
            out.key("num_layers")
            out.value(paths.layers.count)
            if let analysis {
                out.key("num_units")
                out.value(analysis.units.count)
            }
            out.key("params")
            out.value(report.costs.params)
            if let analysis {
                out.key("source_combinations_count")
                out.value(analysis.sourceCombinationsCount)
                let combinations = analysis.timestampCombinations
                out.key("timestamp_combinations")
                out.beginArray()
                for combination in combinations { JSONReportWriter.writeElements(combination, into: &out) }
                out.endArray()
                out.key("timestamp_combinations_count")
                out.value(combinations.count)
            } else if let timestamps = report.timestamps {
                // Per layer at this level: units need the sources the full analysis computes.
                let combinations = timestamps.combinationLayers
                out.key("timestamp_combinations")
                out.beginArray()
                for index in combinations { JSONReportWriter.writeProgressions(of: timestamps.layers, index, into: &out) }
                out.endArray()
                out.key("timestamp_combinations_count")
                out.value(combinations.count)
            }
            if let timestamps = report.timestamps {
                out.key("total_timestamps")
                out.value(timestamps.totalTimestamps)
            }
            out.key("unreachable_layers")
            writeStrings(NaturalOrder.sorted(figures.unreachableLayers), into: &out)
            if let analysis {
                out.key("unreachable_units")
                writeStrings(analysis.unreachableUnits, into: &out)
            }
            out.endObject()
        }

        /// `input_paths`: counts by length at the full level, progressions at the timestamps
        /// level, shortest and longest at any level; null when no path reaches an input.
        private func writeInputPaths(into out: inout JSONStreamWriter) {
            if let analysis = report.analysis {
                let inputPaths = analysis.inputPaths
                guard !inputPaths.isEmpty else { return out.null() }
                out.beginObject()
                out.key("count_by_length")
                JSONReportWriter.writeCounts(inputPaths, into: &out)
                out.key("longest")
                out.value(inputPaths.lengths.max)
                out.key("shortest")
                out.value(inputPaths.lengths.min)
                out.key("total")
                out.value(integer: inputPaths.total)
                out.endObject()
            } else if let shortest = report.paths.inputShortest, let longest = report.paths.inputLongest {
                out.beginObject()
                if let timestamps = report.timestamps {
                    out.key("length_progressions")
                    JSONReportWriter.writeProgressions(timestamps.inputLengths, into: &out)
                }
                out.key("longest")
                out.value(longest)
                out.key("shortest")
                out.value(shortest)
                out.endObject()
            } else {
                out.null()
            }
        }

        private func write(_ duplication: Duplication, pairs: [LayerPair], into out: inout JSONStreamWriter) {
            out.beginObject()
            out.key("components")
            out.value(duplication.components)
            out.key("duplicated")
            out.value(duplication.duplicated)
            out.key("pairs")
            out.beginArray()
            for pair in pairs {
                out.beginObject()
                out.key("a")
                out.value(pair.a)
                out.key("b")
                out.value(pair.b)
                out.key("shared")
                out.value(pair.shared)
                out.endObject()
            }
            out.endArray()
            out.key("ratio")
            out.write(JSONText.decimal(duplication.ratio))
            out.key("receptions")
            out.value(duplication.receptions)
            out.endObject()
        }

        private func writeStrings(_ strings: [String], into out: inout JSONStreamWriter) {
            out.beginArray()
            for string in strings { out.value(string) }
            out.endArray()
        }
    }
}

extension JSONReportWriter {
    /// The network figures of ``GradientPaths`` (`minShortestPath`, `longestShortestPath`,
    /// `longestShortestPathLayerwise`, `longestPath`, `unreachableLayers`), the same values
    /// found in one pass over the layers' runs, without the array per layer and per figure the
    /// `GradientPaths` properties build.
    struct PathFigures {
        var minShortestPath: Int?
        var longestShortestPath: Int?
        var longestShortestPathLayerwise: Int?
        var longestPath: Int?
        /// Names of the layers no gradient reaches, in declaration order.
        var unreachableLayers: [String] = []

        init(_ paths: GradientPaths) {
            for layer in paths.layers {
                guard let first = layer.runs.first else {
                    unreachableLayers.append(layer.name)
                    continue
                }
                // The layer's SGP, its max over channels of SGP, and its LGP.
                var shortest = first.shortest, longestShortest = first.shortest, longest = first.longest
                for run in layer.runs {
                    shortest = Swift.min(shortest, run.shortest)
                    longestShortest = Swift.max(longestShortest, run.shortest)
                    longest = Swift.max(longest, run.longest)
                }
                minShortestPath = Swift.min(minShortestPath ?? shortest, shortest)
                longestShortestPath = Swift.max(longestShortestPath ?? longestShortest, longestShortest)
                longestShortestPathLayerwise = Swift.max(longestShortestPathLayerwise ?? shortest, shortest)
                longestPath = Swift.max(longestPath ?? longest, longest)
            }
        }
    }
}
