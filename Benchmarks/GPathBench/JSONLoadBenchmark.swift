import Foundation
import GPathDiagnostics
@_spi(Benchmarks) import GPathFormats
import GPathIR

/// `gpath-bench --json-load`: loading graph JSON (issue 18), in µs per node, medians of
/// `repeats` runs, for ResNet-family graphs of 10^4, 10^5 and 10^6 nodes written by
/// `GraphJSONWriter` (one item per line) and minified onto one line:
/// - `Foundation`: the old parse alone — `JSONDecoder` decoding ``FoundationJSONValue``, as
///   `GraphJSONReader` did before `JSONParser` (the old reader then also scanned the text for
///   positions and built the graph, so its full load was slower still);
/// - `parse`: the new parse alone — `JSONParser` reading every node and edge entry into
///   ``JSONValue``s with their positions (`GraphJSONReader.countEntries`);
/// - `read`: `GraphJSONReader.read` now — parse, check the fields, build and verify, every
///   location included;
/// - `build`: `GraphBuilder.build()` of the same graph, the verify share of `read`.
enum JSONLoadBenchmark {
    /// `skipFoundation` leaves the old parse out (it takes ~40 s per 10^6-node run).
    static func run(maximum: Int, repeats: Int, skipFoundation: Bool = false) {
        print("\ngraph JSON load, µs per node (median of \(repeats) runs; Foundation = the old JSONDecoder parse alone)")
        print("nodes      layout      MB   Foundation   parse    read   build   parse vs Foundation")
        for size in [10_000, 100_000, 1_000_000] where size <= maximum {
            let builder = NetworkFamily.resnet.graph(nodes: size)
            guard let graph = builder.build().graph else { exit(1) }
            let multi = GraphJSONWriter.write(graph)
            let single = multi.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
            let nodes = Double(graph.nodes.count)
            for (layout, text) in [("many lines", multi), ("one line", single)] {
                let file = SourceFile(name: "resnet.json", text: text)
                // Interleaved, so a neighbour's load on the shared machine hits all three alike.
                var foundationRuns: [Double] = []
                var parseRuns: [Double] = []
                var readRuns: [Double] = []
                var buildRuns: [Double] = []
                var loaded = 0
                for _ in 0..<repeats {
                    if !skipFoundation {
                        foundationRuns.append(seconds { _ = try? JSONDecoder().decode(FoundationJSONValue.self, from: Data(file.text.utf8)) })
                    }
                    parseRuns.append(seconds { _ = GraphJSONReader.countEntries(file) })
                    readRuns.append(seconds { loaded = GraphJSONReader.read(file).graph?.nodes.count ?? -1 })
                    buildRuns.append(seconds { _ = builder.build() })
                }
                guard loaded == graph.nodes.count else {
                    print("\(layout) at \(size): the reader returned \(loaded) nodes, expected \(graph.nodes.count)")
                    exit(1)
                }
                let foundation = skipFoundation ? .nan : median(foundationRuns) / nodes * 1e6
                let parse = median(parseRuns) / nodes * 1e6
                let read = median(readRuns) / nodes * 1e6
                let build = median(buildRuns) / nodes * 1e6
                print(String(format: "%-9d  %-10@  %5.1f  %10.2f  %6.2f  %6.2f  %6.2f  %6.1fx faster",
                             graph.nodes.count, layout, Double(text.utf8.count) / 1e6, foundation, parse, read, build, foundation / parse))
            }
        }
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
