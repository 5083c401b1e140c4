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
    /// fits (or depth 1 is reached). Each try is a linear rebuild; at most `depth + 1` of them.
    static func fitting(_ report: AnalysisReport, options: PictureOptions, budget: Int) -> (PictureModel, Adjustment?) {
        let requested = PictureModel(report, options: options)
        guard requested.size > budget else { return (requested, nil) }
        var current = requested
        var tried = options
        if !tried.foldsRepeats {
            tried.foldsRepeats = true
            current = PictureModel(report, options: tried)
        }
        let deepest = current.tree.blocks.map(\.depth).max() ?? 0
        var depth = min(tried.collapseDepth ?? deepest + 1, deepest + 1) - 1
        while current.size > budget, depth >= 1 {
            tried.collapseDepth = depth
            current = PictureModel(report, options: tried)
            depth -= 1
        }
        return (current, Adjustment(requestedSize: requested.size, options: tried, size: current.size))
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
