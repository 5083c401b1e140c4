import Foundation
import GPathDiagnostics
@_spi(Benchmarks) import GPathFormats
import GPathIR

/// `gpath-bench --json-load`: loading graph JSON (issue 18), in µs per node, medians of
/// `repeats` runs, for ResNet-family graphs of 10^4, 10^5 and 10^6 nodes written by
/// `GraphJSONWriter` (one item per line) and minified onto one line, then for any graph JSON
/// files named after `--json-load-files`:
/// - `Foundation`: the old parse alone — `JSONDecoder` decoding ``FoundationJSONValue``, as
///   `GraphJSONReader` did before `JSONParser` (the old reader then also scanned the text for
///   positions and built the graph, so its full load was slower still);
/// - `parse`: `JSONParser` alone, reading every node and edge entry into ``JSONValue``s with
///   their positions (`GraphJSONReader.countEntries`);
/// - `full`: the JSON part of a load with the full reader alone (`JSONParser`, field checks,
///   `GraphBuilder.addNode`/`connect` with every location) — the reader before the fast path;
/// - `fast`: the same with the fast path (`GraphJSONFastReader`), what `gpath` does now;
/// - `calls`: the `GraphBuilder.addNode`/`connect` calls of `fast` alone, replayed with the
///   strings and locations already made — the builder's share of `full` and `fast`;
/// - `read`: `GraphJSONReader.read` — fast path, then build and verify: a whole load;
/// - `build`: `GraphBuilder.build()` of the same graph, the verify share of `read`.
enum JSONLoadBenchmark {
    /// `skipFoundation` leaves the old parse out (it takes ~40 s per 10^6-node run).
    static func run(maximum: Int, repeats: Int, skipFoundation: Bool = false, files: [String] = []) {
        print("\ngraph JSON load, µs per node (median of \(repeats) runs; Foundation = the old JSONDecoder parse alone)")
        print("nodes      layout           MB   Foundation   parse    full    fast   calls    read   build   full/fast  fast MB/s")
        for size in [10_000, 100_000, 1_000_000] where size <= maximum {
            let builder = NetworkFamily.resnet.graph(nodes: size)
            guard let graph = builder.build().graph else { exit(1) }
            let multi = GraphJSONWriter.write(graph)
            let single = multi.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
            for (layout, text) in [("many lines", multi), ("one line", single)] {
                measure(SourceFile(name: "resnet.json", text: text), layout: layout, repeats: repeats, skipFoundation: skipFoundation)
            }
        }
        for path in files {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                print("\(path): cannot read")
                exit(1)
            }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            measure(SourceFile(name: path, text: text), layout: String(name.prefix(15)), repeats: repeats, skipFoundation: skipFoundation)
        }
    }

    /// The fast path alone on the file at `path`, `repeats` times: for a profiler.
    static func profile(_ path: String, repeats: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { exit(1) }
        let file = SourceFile(name: path, text: text)
        var runs: [Double] = []
        var declared = 0
        for _ in 0..<repeats {
            runs.append(seconds { declared = GraphJSONReader.declaredBuilder(file, fast: true)?.declarations.count ?? -1 })
        }
        print(String(format: "%d nodes, fast path %.3f µs per node (median of %d)", declared, median(runs) / Double(declared) * 1e6, repeats))
    }

    /// A new builder given `builder`'s declarations and connections, in order.
    private static func replay(_ builder: GraphBuilder) -> GraphBuilder {
        var replay = GraphBuilder(name: builder.name)
        for node in builder.declarations {
            replay.addNode(node.name, op: node.op, channels: node.channels, spatial: node.spatial, location: node.location)
        }
        for edge in builder.connections {
            replay.connect(
                edge.source, to: edge.destination, sourceRange: edge.sourceRange, destinationRange: edge.destinationRange,
                stopsGradient: edge.stopsGradient, location: edge.location)
        }
        return replay
    }

    /// One row: the file timed every way, interleaved, so a neighbour's load on the shared
    /// machine hits all of them alike.
    private static func measure(_ file: SourceFile, layout: String, repeats: Int, skipFoundation: Bool) {
        guard let builder = GraphJSONReader.declaredBuilder(file, fast: true),
              let full = GraphJSONReader.declaredBuilder(file, fast: false),
              builder.declarations.count == full.declarations.count, builder.connections.count == full.connections.count,
              let graph = GraphJSONReader.read(file).graph
        else {
            print("\(layout): the fast path gave up or disagrees with the full reader")
            exit(1)
        }
        var runs: [String: [Double]] = [:]
        for _ in 0..<repeats {
            if !skipFoundation {
                runs["Foundation", default: []].append(seconds { _ = try? JSONDecoder().decode(FoundationJSONValue.self, from: Data(file.text.utf8)) })
            }
            runs["parse", default: []].append(seconds { _ = GraphJSONReader.countEntries(file) })
            runs["full", default: []].append(seconds { _ = GraphJSONReader.declaredBuilder(file, fast: false) })
            runs["fast", default: []].append(seconds { _ = GraphJSONReader.declaredBuilder(file, fast: true) })
            runs["calls", default: []].append(seconds { _ = replay(builder) })
            runs["read", default: []].append(seconds { _ = GraphJSONReader.read(file) })
            runs["build", default: []].append(seconds { _ = builder.build() })
        }
        let nodes = Double(graph.nodes.count)
        func perNode(_ key: String) -> Double { runs[key].map { median($0) / nodes * 1e6 } ?? .nan }
        let megabytes = Double(file.bytes.count) / 1e6
        print(String(format: "%-9d  %-15@  %5.1f  %10.2f  %6.2f  %6.2f  %6.3f  %6.3f  %6.2f  %6.2f  %8.1fx  %9.0f",
                     graph.nodes.count, layout.padding(toLength: 15, withPad: " ", startingAt: 0), megabytes, perNode("Foundation"), perNode("parse"), perNode("full"),
                     perNode("fast"), perNode("calls"), perNode("read"), perNode("build"), perNode("full") / perNode("fast"),
                     megabytes / (perNode("fast") * nodes / 1e6)))
    }
}

/// The old decoding, kept here only as the benchmark's baseline: Foundation's `JSONDecoder`
/// into a value that keeps booleans, integers and other numbers apart.
enum FoundationJSONValue: Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([FoundationJSONValue])
    case object([String: FoundationJSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .integer(int)
        } else if let double = try? container.decode(Double.self) {
            self = .number(double)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([FoundationJSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: FoundationJSONValue].self))
        }
    }
}
