import GPathIR

/// Where ``GradientPathPass`` keeps each layer's runs while it walks: one array for every
/// layer (appended in walk order) and each node's place in it, so a layer costs no allocation
/// of its own. ``layers(of:)`` hands the layers out as windows onto that one array.
struct LayerRunStore {
    private var runs: [DistanceRun] = []
    /// Per node, where its runs start in ``runs`` (-1: none recorded).
    private var start: [Int]
    /// Per node, how many runs it has.
    private var count: [Int32]
    /// How many weighted layers the graph has.
    private let layerCount: Int

    /// Room for one run per weighted layer of `graph` (the usual count) from the start.
    init(graph: Graph) {
        start = Array(repeating: -1, count: graph.nodeCount)
        count = Array(repeating: 0, count: graph.nodeCount)
        let weighted = graph.distinctOps.map(\.isWeighted)
        layerCount = (0..<graph.nodeCount).count { weighted[graph.opNumber(of: NodeID($0))] }
        runs.reserveCapacity(layerCount)
    }

    /// Records node `index`'s reached output runs with `adding` more layers crossed (the
    /// layer's own step: SGP = d_min + 1).
    mutating func record(_ index: Int, _ reached: some Collection<DistanceRun>, adding: Int) {
        start[index] = runs.count
        count[index] = Int32(truncatingIfNeeded: reached.count)
        for run in reached {
            runs.append(DistanceRun(range: run.range, shortest: run.shortest + adding, longest: run.longest + adding))
        }
    }

    /// Every weighted layer of `graph` in declaration order, with the runs recorded for it
    /// (none: unreached).
    func layers(of graph: Graph) -> [LayerGradientPaths] {
        let weighted = graph.distinctOps.map(\.isWeighted)
        var layers: [LayerGradientPaths] = []
        let names = graph.nodeNames
        layers.reserveCapacity(layerCount)
        for index in 0..<graph.nodeCount {
            let id = NodeID(index)
            guard weighted[graph.opNumber(of: id)] else { continue }
            let runs = start[index] < 0
                ? DistanceRuns([]) : DistanceRuns(storage: self.runs, start: start[index], count: Int(count[index]))
            layers.append(LayerGradientPaths(node: id, names: names, channels: graph.channels(of: id), runs: runs))
        }
        return layers
    }
}
