import GPathAnalysis
import GPathFormats
import GPathIR
import GPathTestSupport
import Testing

/// `examples/paper/`: the designs docs/experiments.md trains keep the properties their headers
/// promise (equal costs where a comparison needs them, the gradient-path figures the paper states).
struct PaperExampleTests {
    static func analyse(_ name: String, _ parameters: [String: Int] = [:]) throws -> (GradientPaths, Costs) {
        let (graph, paths, _) = try ExampleFamilyTests.analyse("paper/\(name)", parameters)
        return (paths, CostPass().run(on: graph))
    }

    @Test("the paper folder holds one file per design the paper discusses")
    func files() {
        let names = Set(RepositoryPaths.examples(withExtension: "net", in: "paper").map(\.lastPathComponent))
        for expected in ["resnet", "prn", "densenet", "sparsenet", "cspnet", "csp_fusion_first", "csp_fusion_last",
                         "csp_no_fusion", "vovnet_deep", "vovnet_planned", "elan", "resnet_sg_block", "resnet_sg_identity"] {
            #expect(names.contains(expected + ".net"), "missing examples/paper/\(expected).net")
        }
    }

    @Test("every paper design loads with every unit reachable")
    func reachable() throws {
        for url in RepositoryPaths.examples(withExtension: "net", in: "paper") {
            let name = url.deletingPathExtension().lastPathComponent
            let (_, _, analysis) = try ExampleFamilyTests.analyse("paper/\(name)")
            #expect(analysis.unreachableUnits.isEmpty, "\(name)")
        }
    }

    @Test("ResNet, PRN and both stop-gradient variants: same params and FLOPs at any depth", arguments: [2, 8])
    func equalCosts(blocks: Int) throws {
        let (_, resnet) = try Self.analyse("resnet", ["blocks": blocks])
        for variant in ["prn", "resnet_sg_block", "resnet_sg_identity"] {
            let (_, costs) = try Self.analyse(variant, ["blocks": blocks])
            #expect(costs.params == resnet.params, "\(variant)")
            #expect(costs.macs == resnet.macs, "\(variant)")
        }
    }

    @Test("stop on identity: shortest = longest = depth; stop on block: longest path 3")
    func stopGradient() throws {
        for blocks in [2, 8] {
            let (identity, _) = try Self.analyse("resnet_sg_identity", ["blocks": blocks])
            #expect(identity.inputShortest == 2 * blocks + 2)
            #expect(identity.longestShortestPath == 2 * blocks + 2)
            let (block, _) = try Self.analyse("resnet_sg_block", ["blocks": blocks])
            #expect(block.longestPath == 3)
            let (baseline, _) = try Self.analyse("resnet", ["blocks": blocks])
            #expect(baseline.longestShortestPath == 3)
        }
    }

    @Test("VoVNet: the deep version's longest shortest path grows by one per module, the planned one stays at 3")
    func planning() throws {
        for modules in [2, 8, 24] {
            let (deep, _) = try Self.analyse("vovnet_deep", ["modules": modules])
            let (planned, _) = try Self.analyse("vovnet_planned", ["modules": modules])
            #expect(deep.longestShortestPath == modules + 2)
            #expect(planned.longestShortestPath == 3)
        }
    }

    @Test("ELAN: 1-4 stacks keep the longest shortest path; the longest path grows by two per stack")
    func elan() throws {
        let (one, _) = try Self.analyse("elan", ["stacks": 1])
        for stacks in 2...4 {
            let (paths, _) = try Self.analyse("elan", ["stacks": stacks])
            #expect(paths.longestShortestPath == one.longestShortestPath)
            #expect(paths.longestPath == (one.longestPath ?? 0) + 2 * (stacks - 1) * 2, "\(stacks) stacks")
        }
    }

    @Test("CSP: FLOPs fall from plain CSP to fusion first, fusion last and no fusion")
    func csp() throws {
        let macs = try ["cspnet", "csp_fusion_first", "csp_fusion_last", "csp_no_fusion"].map { try Self.analyse($0).1.macs ?? 0 }
        #expect(macs == macs.sorted(by: >))
        #expect(Set(macs).count == 4)
    }
}
