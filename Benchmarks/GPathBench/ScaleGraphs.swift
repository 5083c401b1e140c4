import Foundation
import GPathFormats
import GPathIR

/// The four graphs issue 18 measures the timestamps level on, written as flat `.net` files for
/// whole-process runs (`Benchmarks/timestamps-at-scale.sh` times `gpath analyze --analysis
/// timestamps` on each and reads its peak memory).
enum ScaleGraphs {
    static let all: [(file: String, builder: @Sendable () -> GraphBuilder)] = [
        ("resnet-1e4-blocks.net", { NetworkFamily.resnet.graph(nodes: 3 * 10_000 + 3) }),
        ("vovnet-1e4-modules.net", { PaperNetworks.vovnet(modules: 10_000) }),
        ("densenet-400-blocks.net", { NetworkFamily.densenet.graph(nodes: 26 * 400 + 31) }),
        ("random-1e5.net", { NetworkFamily.random.graph(nodes: 100_000) }),
    ]

    /// The graphs issue 18 compares with rustworkx (`Benchmarks/side-by-side.sh`).
    static let sideBySide: [(file: String, builder: @Sendable () -> GraphBuilder)] = [
        ("random-1e5.net", { NetworkFamily.random.graph(nodes: 100_000) }),
        ("random-1e6.net", { NetworkFamily.random.graph(nodes: 999_998) }),  // with its loss: the `.net` limit
        ("densenet-4000-blocks.net", { NetworkFamily.densenet.graph(nodes: 26 * 4_000 + 31) }),
        ("resnet-1e5-blocks.net", { NetworkFamily.resnet.graph(nodes: 3 * 100_000 + 3) }),
    ]

    /// Writes every graph of `graphs` into `directory`; exits 1 if one does not verify.
    static func write(_ graphs: [(file: String, builder: @Sendable () -> GraphBuilder)] = all, into directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (file, builder) in graphs {
            guard let graph = builder().build().graph else {
                print("\(file): the generator made an invalid graph")
                exit(1)
            }
            let path = (directory as NSString).appendingPathComponent(file)
            do {
                try NetPrinter.print(graph).write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                print("\(path): \(error)")
                exit(1)
            }
            print("\(path): \(graph.nodes.count) nodes, \(graph.layers.count) layers")
        }
    }
}
