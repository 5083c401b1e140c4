import GPathAnalysis
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// Headline figures of every family example in `examples/` — the claims of the paper that gpath
/// makes checkable. Each example ends in a classifier (global pool → linear → loss), which adds
/// one layer to every path compared with the spec's toy graphs.
struct ExampleFamilyTests {
    static func analyse(_ example: String, _ parameters: [String: Int] = [:]) throws -> (Graph, GradientPaths, GradientAnalysis) {
        let url = RepositoryPaths.root.appendingPathComponent("examples/\(example).net")
        let file = SourceFile(name: "examples/\(example).net", text: RepositoryPaths.text(url))
        let (graph, diagnostics) = NetReader.read(file, parameters: parameters)
        let built = try #require(graph, "\(example) \(parameters): \(diagnostics.map(\.message))")
        return (built, GradientPathPass().run(on: built), GradientAnalysisPass().run(on: built))
    }

    @Test("planned VoVNet keeps its longest shortest path constant; deep VoVNet's grows by one per module")
    func vovnetPlanning() throws {
        for modules in 1...6 {
            let (_, planned, _) = try Self.analyse("vovnet_planned", ["modules": modules])
            let (_, deep, _) = try Self.analyse("vovnet_deep", ["modules": modules])
            #expect(planned.longestShortestPath == 3, "planned, \(modules) modules")
            #expect(deep.longestShortestPath == modules + 2, "deep, \(modules) modules")
        }
    }

    @Test("adding an OSA module to deep VoVNet lengthens every existing layer's shortest path by one")
    func vovnetEveryLayer() throws {
        let (_, three, _) = try Self.analyse("vovnet_deep", ["modules": 3])
        let (_, four, _) = try Self.analyse("vovnet_deep", ["modules": 4])
        let before = Dictionary(uniqueKeysWithValues: three.layers.map { ($0.name, $0.shortest) })
        var compared = 0
        for layer in four.layers where layer.name.hasPrefix("osa") || layer.name == "stem" {
            guard let old = before[layer.name], let old, !layer.name.hasPrefix("osa4") else { continue }
            #expect(layer.shortest == old + 1, "\(layer.name)")
            compared += 1
        }
        #expect(compared >= 10)
    }

    @Test("ResNet stacking keeps the longest shortest path constant while the longest path grows")
    func resnetStacking() throws {
        var longest: [Int] = []
        for blocks in [1, 2, 4, 8] {
            let (_, paths, _) = try Self.analyse("resnet_deep", ["blocks": blocks])
            #expect(paths.longestShortestPath == 5, "blocks \(blocks)")
            longest.append(paths.longestPath ?? 0)
        }
        #expect(longest == longest.sorted() && Set(longest).count == longest.count)
    }

    @Test("Figure 9: stop-gradient on the block bounds every path; on the identity every path is full depth")
    func stopGradient() throws {
        for blocks in [1, 3, 5] {
            let (_, block, _) = try Self.analyse("resnet_sg_block", ["blocks": blocks])
            #expect(block.longestPath == 3, "sg block, \(blocks) blocks")
            let (graph, identity, analysis) = try Self.analyse("resnet_sg_identity", ["blocks": blocks])
            let depth = graph.layers.count
            let stem = try #require(identity.layers.first { $0.name == "stem" })
            #expect(stem.shortest == depth && stem.longest == depth, "sg identity, \(blocks) blocks")
            #expect(analysis.inputPaths.total == 1)
        }
    }

    @Test("ELAN: stacking more convs keeps the longest shortest path while the longest path grows")
    func elanStacking() throws {
        var shortest: Set<Int?> = []
        var longest: [Int] = []
        for stacks in 1...4 {
            let (_, paths, _) = try Self.analyse("elan", ["stacks": stacks])
            shortest.insert(paths.longestShortestPath)
            longest.append(paths.longestPath ?? 0)
        }
        #expect(shortest.count == 1)
        #expect(longest == longest.sorted() && longest.first! < longest.last!)
    }

    @Test("PRN: masking the shortcut splits layers into units and adds timestamp combinations")
    func prn() throws {
        let (_, _, prn) = try Self.analyse("prn")
        #expect(prn.units.count > prn.layers.count)
        #expect(prn.longestShortestPath! > prn.longestShortestPathLayerwise!)
        #expect(prn.strictDuplication.ratio < 0.5)
    }

    @Test("DenseNet and SparseNet: no strict duplicates, source-level sharing lower for sparse aggregation")
    func denseVersusSparse() throws {
        let (_, _, dense) = try Self.analyse("densenet")
        let (_, _, sparse) = try Self.analyse("sparsenet")
        #expect(dense.strictDuplication.duplicated == 0)
        #expect(sparse.strictDuplication.duplicated == 0)
        #expect(sparse.sourceDuplication.ratio < dense.sourceDuplication.ratio)
    }

    @Test("CSP: fusion last shortens the shortest path of the crossing part; no fusion is shortest overall")
    func cspFusion() throws {
        let (_, normal, _) = try Self.analyse("cspnet", ["units": 2])
        let (_, first, _) = try Self.analyse("csp_fusion_first")
        let (_, last, _) = try Self.analyse("csp_fusion_last")
        let (_, none, _) = try Self.analyse("csp_no_fusion")
        #expect((last.inputShortest ?? 0) < (first.inputShortest ?? 0))
        #expect((none.longestShortestPath ?? 0) <= (first.longestShortestPath ?? 0))
        #expect((none.longestShortestPath ?? 0) <= (last.longestShortestPath ?? 0))
        #expect(normal.layers.count > none.layers.count)
    }

    @Test("every example loads and every layer is reachable")
    func allReachable() throws {
        for url in RepositoryPaths.examples(withExtension: "net") {
            let name = url.deletingPathExtension().lastPathComponent
            let (_, paths, analysis) = try Self.analyse(name)
            #expect(paths.unreachableLayers.isEmpty, "\(name)")
            #expect(analysis.unreachableUnits.isEmpty, "\(name)")
        }
    }
}
