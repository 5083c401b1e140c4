import GPathAnalysis
import GPathIR

/// `--format json`: the report schema of `docs/spec/graph-json.md` (keys `graph`, `spec`,
/// `layers.<id>`, `timestamp_table`, `network`) plus gpath's own fields beside them
/// (`schema_version`, `tool`, `input`, `cost_units`, per-layer `index` (topological position
/// among weighted layers), `op`, `shape`, `params`, `macs`, `location`, network `params`,
/// `macs`, `flops`).
///
/// Streamed: every member is written straight from the analysis results into a
/// ``JSONStreamWriter`` in sorted-key order (the order a tree with sorted keys would print),
/// so nothing but the writer's buffer holds report text, however large the report. Objects
/// keyed by numbers (`path_count_by_length`, `timestamp_table`) order their keys as text
/// (``DecimalKeyOrder``), as before.
public enum JSONReportWriter {
    /// The report as one string (tests, small reports).
    /// - Parameter includeSources: false leaves out each unit's `sources` list (and the
    ///   per-pair duplication table) and says so in `omitted`: on deep residual networks those
    ///   two grow as depth³ (ResNet-1001: tens of millions of entries).
    public static func write(_ report: AnalysisReport, includeSources: Bool = true, style: JSONStreamWriter.Style = .pretty) -> String {
        String(decoding: bytes(report, includeSources: includeSources, style: style), as: UTF8.self)
    }

    /// The report as UTF-8 bytes in one array.
    public static func bytes(_ report: AnalysisReport, includeSources: Bool = true, style: JSONStreamWriter.Style = .pretty) -> [UInt8] {
        var bytes: [UInt8] = []
        // The collecting sink cannot fail.
        try? write(report, includeSources: includeSources, style: style) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Streams the report into `sink` in chunks of at most `flushThreshold` bytes (the only
    /// memory the text takes), ending with a line break; rethrows the sink's first error.
    public static func write(
        _ report: AnalysisReport, includeSources: Bool = true, style: JSONStreamWriter.Style = .pretty,
        flushThreshold: Int = 1 << 20, to sink: @escaping JSONStreamWriter.Sink
    ) throws {
        var out = JSONStreamWriter(style: style, flushThreshold: flushThreshold, sink: sink)
        write(report, includeSources: includeSources, into: &out)
        out.newline()
        try out.finish()
    }

    /// The number of `(unit, timestamp, emitter)` source entries a full report would list.
    public static func sourceEntryCount(_ analysis: GradientAnalysis) -> Int {
        analysis.units.reduce(0) { total, unit in total + unit.receptions.reduce(0) { $0 + $1.timestamps.count } }
    }

    /// The root object, members in key order.
    private static func write(_ report: AnalysisReport, includeSources: Bool, into out: inout JSONStreamWriter) {
        out.beginObject()
        out.key("analysis")
        out.value(report.level.rawValue)
        out.key("cost_units")
        out.beginObject()
        out.key("flops")
        out.value("2 x macs" as StaticString)
        out.key("macs")
        out.value("multiply-accumulates per forward pass, batch 1" as StaticString)
        out.key("params")
        out.value("trainable parameters: weights, biases, norm scale and shift" as StaticString)
        out.endObject()
        out.key("graph")
        out.value(report.graph.name)
        out.key("input")
        out.value(report.inputName)
        out.key("layers")
        LayerWriter(report, includeSources: includeSources).write(into: &out)
        out.key("network")
        NetworkWriter(report: report, includePairs: includeSources).write(into: &out)
        if report.analysis != nil, !includeSources {
            out.key("omitted")
            out.beginArray()
            out.value("units[].sources" as StaticString)
            out.value("network.duplication.*.pairs" as StaticString)
            out.endArray()
        }
        out.key("schema_version")
        out.value(AnalysisReport.schemaVersion)
        out.key("spec")
        out.value("gradient-paths-1" as StaticString)
        if let analysis = report.analysis {
            out.key("timestamp_table")
            out.beginObject()
            let table = analysis.timestampTable
            for index in DecimalKeyOrder.indices(of: table.map(\.t)) {
                out.key(number: table[index].t)
                out.beginArray()
                for label in table[index].units { out.value(label) }
                out.endArray()
            }
            out.endObject()
        }
        out.key("tool")
        out.beginObject()
        out.key("name")
        out.value("gpath" as StaticString)
        out.key("version")
        out.value(AnalysisReport.toolVersion)
        out.endObject()
        out.endObject()
    }

    /// `[[first, last, step], …]`: ``TimestampSet/progressions``.
    static func writeProgressions(_ set: TimestampSet, into out: inout JSONStreamWriter) {
        out.beginArray()
        set.forEachProgression { first, last, step in
            writeProgression(first, last, step, into: &out)
            return true
        }
        out.endArray()
    }

    /// ``writeProgressions(_:into:)`` of `layers[index]`'s timestamps, read in place: when
    /// the layer's summary proves the set one progression, the set is not touched (on a deep
    /// graph it is thousands of words, cold in memory).
    static func writeProgressions(of layers: [LayerTimestamps.Layer], _ index: Int, into out: inout JSONStreamWriter) {
        guard let (first, last, step) = layers[index].summary.singleProgression else {
            return writeProgressions(layers[index].timestamps, into: &out)
        }
        out.beginArray()
        writeProgression(first, last, step, into: &out)
        out.endArray()
    }

    /// `[first, last, step]`.
    private static func writeProgression(_ first: Int, _ last: Int, _ step: Int, into out: inout JSONStreamWriter) {
        out.array(first, last, step)
    }

    /// `[[lower, upper], …]`: the channel runs.
    static func writeRuns(_ set: ChannelSet, into out: inout JSONStreamWriter) {
        out.beginArray()
        for run in set.runs {
            out.beginArray()
            out.value(run.lower)
            out.value(run.upper)
            out.endArray()
        }
        out.endArray()
    }

    /// `{"length": count, …}`, exact counts, keys in text order.
    /// Written from the counts' decimal limbs: no big-integer conversion.
    static func writeCounts(_ counts: PathCounts, into out: inout JSONStreamWriter) {
        out.beginObject()
        counts.withLimbs { limbs, width in
            let first = counts.lengthRange.lowerBound
            var lengths: [Int] = []
            lengths.reserveCapacity(counts.lengthRange.count)
            for k in 0..<counts.lengthRange.count where limbs[(k * width)..<((k + 1) * width)].contains(where: { $0 != 0 }) {
                lengths.append(first + k)
            }
            for index in DecimalKeyOrder.indices(of: lengths) {
                let start = (lengths[index] - first) * width
                out.key(number: lengths[index])
                out.value(decimalLimbs: UnsafeBufferPointer(rebasing: limbs[start..<(start + width)]))
            }
        }
        out.endObject()
    }

    /// `[t, …]`: a set's elements in increasing order.
    static func writeElements(_ set: TimestampSet, into out: inout JSONStreamWriter) {
        out.array(set)
    }
}
