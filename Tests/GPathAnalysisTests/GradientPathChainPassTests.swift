import Foundation
import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Every chain ``GradientPathChainPass`` draws is a real gradient path: it starts at its layer,
/// ends at a loss, follows edges that carry gradient, and crosses exactly SGP (LGP) weighted
/// layers — on the examples (channel slices in PRN, DenseNet, CSP), on imported files and on
/// seeded random graphs.
struct GradientPathChainPassTests {
    static let files: [String] = {
        let top = RepositoryPaths.examples(withExtension: "net")
        let attention = RepositoryPaths.examples(withExtension: "net", in: "attention")
        let imported = RepositoryPaths.examples(withExtension: "cfg", in: "darknet") + RepositoryPaths.examples(withExtension: "yaml", in: "yolo")
        return (top + attention + imported).map { $0.path.replacingOccurrences(of: RepositoryPaths.root.path + "/", with: "") }
    }()

    private static func load(_ path: String) throws -> Graph {
        let file = SourceFile(name: path, text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent(path)))
        let (graph, diagnostics) = path.hasSuffix(".net") ? NetReader.read(file, parameters: [:])
            : path.hasSuffix(".cfg") ? DarknetReader.read(file) : YOLOYAMLReader.read(file, scale: nil)
        return try #require(graph, "\(path): \(diagnostics.map(\.message))")
    }

    /// Checks every layer's chains against its figures; returns the first problem.
    private static func problem(in graph: Graph, _ chains: GradientPathChains) -> String? {
        let paths = GradientPathPass().run(on: graph)
        guard chains.shortestStarts.count == paths.layers.count, chains.longestStarts.count == paths.layers.count else {
            return "\(chains.shortestStarts.count) chain starts for \(paths.layers.count) layers"
        }
        for (index, layer) in paths.layers.enumerated() {
            let pairs = [("shortest", chains.shortestChain(ofLayer: index), layer.shortest), ("longest", chains.longestChain(ofLayer: index), layer.longest)]
            for (name, chain, expected) in pairs {
                guard let expected else {
                    if !chain.isEmpty { return "\(layer.name): a \(name) chain for an unreachable layer" }
                    continue
                }
                guard chain.first == layer.node else { return "\(layer.name): \(name) chain does not start at the layer" }
                guard let last = chain.last, graph[last].op.routing == .origin else { return "\(layer.name): \(name) chain does not end at a loss" }
                for (from, to) in zip(chain, chain.dropFirst()) where !graph[to].inputs.contains(where: { $0.source == from && !$0.stopsGradient }) {
                    return "\(layer.name): \(name) chain steps from `\(graph[from].name)` to `\(graph[to].name)` without a gradient edge"
                }
                let weighted = chain.filter { graph[$0].op.isWeighted }.count
                if weighted != expected {
                    return "\(layer.name): \(name) chain crosses \(weighted) layers, the \(name) path is \(expected): \(chain.map { graph[$0].name })"
                }
            }
        }
        return nil
    }

    @Test("each example's chains cross exactly SGP and LGP layers, from the layer to a loss", arguments: files)
    func examples(path: String) throws {
        let graph = try Self.load(path)
        let chains = GradientPathChainPass().run(on: graph)
        let failure = Self.problem(in: graph, chains)
        #expect(failure == nil, "\(path): \(failure ?? "")")
    }

    @Test("random graphs (with and without mixing nodes): every chain is a gradient path of the right length", arguments: Array(UInt64(1)...80))
    func random(seed: UInt64) throws {
        for mixing in [false, true] {
            let graph = try #require(RandomGraphs.builder(seed: seed, mixing: mixing).build().graph, "seed \(seed)")
            let failure = Self.problem(in: graph, GradientPathChainPass().run(on: graph))
            #expect(failure == nil, "seed \(seed), mixing \(mixing): \(failure ?? "")")
        }
    }

    @Test("PRN: a layer whose channels are split reaches the loss through the part that is nearer")
    func prnSlices() throws {
        let graph = try Self.load("examples/prn.net")
        let paths = GradientPathPass().run(on: graph)
        let chains = GradientPathChainPass().run(on: graph)
        // Some layer in PRN has channels at different distances; its shortest chain must still
        // have SGP layers, which a channel-blind walk (min over consumers) would not guarantee.
        let split = paths.layers.filter { $0.runs.count > 1 }
        #expect(!split.isEmpty)
        #expect(Self.problem(in: graph, chains) == nil)
    }

    @Test("chains share their tails: a 602-layer ResNet needs a few steps per node, not one per layer per node")
    func sharedTails() throws {
        let file = SourceFile(name: "examples/resnet_deep.net", text: RepositoryPaths.text(RepositoryPaths.root.appendingPathComponent("examples/resnet_deep.net")))
        let graph = try #require(NetReader.read(file, parameters: ["blocks": 100]).graph)
        let chains = GradientPathChainPass().run(on: graph)
        let total = graph.layers.indices.reduce(0) { $0 + chains.longestChain(ofLayer: $1).count }
        #expect(chains.longestSteps.count <= 2 * graph.nodes.count, "\(chains.longestSteps.count) steps for \(graph.nodes.count) nodes")
        #expect(chains.shortestSteps.count <= 2 * graph.nodes.count)
        #expect(total > 100 * graph.nodes.count, "written out, the longest chains hold \(total) nodes")
        #expect(Self.problem(in: graph, chains) == nil)
    }
}
