/// Keeping a picture within a node budget, so the layout returns in seconds on any network.
extension PictureModel {
    /// Picture nodes plus clusters: what the layout has to place.
    var size: Int { items.count + clusters.count }

    /// What ``fitting(_:options:budget:)`` changed to stay within the budget.
    struct Adjustment: Equatable {
        /// Picture size with the options as given.
        let requestedSize: Int
        /// The options actually used.
        let options: PictureOptions
        /// Picture size with ``options``.
        let size: Int
    }

    /// The picture with `options`, or — when it has more than `budget` nodes and clusters —
    /// with repeated blocks folded and then blocks collapsed at ever smaller depths until it
    /// fits (or depth 1 is reached) — the steps of ``PictureOptions/coarser(deepest:)``. Each
    /// try is a linear rebuild; at most `depth + 1` of them.
    static func fitting(_ report: AnalysisReport, options: PictureOptions, budget: Int) -> (PictureModel, Adjustment?) {
        let requested = PictureModel(report, options: options)
        guard requested.size > budget else { return (requested, nil) }
        var current = requested
        var tried = options
        let deepest = current.tree.deepest
        while current.size > budget, let next = tried.coarser(deepest: deepest) {
            tried = next
            current = PictureModel(report, options: tried)
        }
        return (current, Adjustment(requestedSize: requested.size, options: tried, size: current.size))
    }
}

extension PictureModel {
    /// Ranks of the longest chain of drawn nodes: a picture is at least this many node rows
    /// tall (top to bottom), whatever the layout does. Linear (Kahn's order over the items).
    var rankCount: Int {
        var incoming = [Int](repeating: 0, count: items.count)
        var outgoing = [[Int]](repeating: [], count: items.count)
        for edge in edges {
            incoming[edge.to] += 1
            outgoing[edge.from].append(edge.to)
        }
        var rank = [Int](repeating: 1, count: items.count)
        var ready = items.indices.filter { incoming[$0] == 0 }
        var deepest = items.isEmpty ? 0 : 1
        while let item = ready.popLast() {
            deepest = max(deepest, rank[item])
            for next in outgoing[item] {
                rank[next] = max(rank[next], rank[item] + 1)
                incoming[next] -= 1
                if incoming[next] == 0 { ready.append(next) }
            }
        }
        return deepest
    }
}

extension PictureOptions {
    /// The next coarser picture: fold repeated blocks, then collapse blocks at the deepest
    /// level of the hierarchy, then one level higher each step, then tighter spacing; nil
    /// after that.
    public func coarser(deepest: Int) -> PictureOptions? {
        var next = self
        let depth = min(collapseDepth ?? deepest + 1, deepest + 1) - 1
        if !foldsRepeats {
            next.foldsRepeats = true
        } else if depth >= 1 {
            next.collapseDepth = depth
        } else if !isCompact {
            next.isCompact = true
        } else {
            return nil
        }
        return next
    }
}

extension PictureModel.Adjustment {
    /// One line for stderr: what was too big and what was done about it.
    public var note: String {
        var actions: [String] = []
        if options.foldsRepeats { actions.append("folded repeated blocks (×N)") }
        if let depth = options.collapseDepth { actions.append("collapsed blocks at depth \(depth)") }
        let done = actions.isEmpty ? "nothing could be folded" : actions.joined(separator: " and ")
        return "note: the picture has \(requestedSize) nodes and clusters, over the budget; \(done) → \(size)"
            + " (choose with --collapse, --fold-repeats, --max-nodes)"
    }
}
