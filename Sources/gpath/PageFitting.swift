import GPathReport
import GPathRender

/// Keeps a network picture on a readable page: at most 2,500 px on its long side at 144 dpi
/// (1,250 pt), without scaling text below the 9 pt it is written in. Starting from the
/// options asked for, it lays the picture out in-process and, while it is too big, folds
/// repeated blocks, collapses the block hierarchy one level at a time and, last, turns a wide
/// picture on its side (`rankdir=LR`). A picture whose longest chain of nodes alone cannot fit
/// is skipped without a layout. What it did goes to stderr with how to get the full picture.
enum PageFitting {
    /// The page's long side in points: 2,500 px at 144 dpi.
    static let longSide = 1250.0
    /// Smallest height of one rank top to bottom: a 0.2 in node and the 0.4 in rank gap.
    static let minimumRankHeight = 43.0
    /// The same with compact spacing (a 0.25 in rank gap).
    static let minimumCompactRankHeight = 32.0

    /// The picture to draw and the note to print (nil when nothing was changed).
    static func fit(_ report: AnalysisReport, _ picture: PictureLayoutArguments, timeout: Double) throws -> (picture: DOTPicture, note: String?) {
        guard !picture.full else { return (DOTWriter.write(report, options: picture.options), nil) }
        let first = DOTWriter.write(report, options: picture.options, budget: picture.budget)
        var candidate = first
        var original: Measure?
        var turned = false
        while true {
            let measure = try self.measure(candidate, timeout: timeout)
            if original == nil { original = measure }
            if case .laidOut(let size) = measure, size.longSide <= longSide {
                let (opened, openedSize) = try expand(candidate, size: size, report: report, timeout: timeout)
                return (opened, note(asked: picture.options, first: first, final: opened, original: original, size: openedSize, fits: true))
            }
            if let next = candidate.options.coarser(deepest: candidate.hierarchyDepth) {
                candidate = DOTWriter.write(report, options: next)
            } else if !turned, picture.rankdir == nil, case .laidOut(let size) = measure, size.width > size.height {
                var sideways = candidate.options
                sideways.rankDirection = .leftToRight
                candidate = DOTWriter.write(report, options: sideways)
                turned = true
            } else {
                let size: PictureSize
                switch measure {
                case .laidOut(let laid): size = laid
                case .tooManyRanks: size = try layout(candidate, timeout: timeout)
                }
                return (candidate, note(asked: picture.options, first: first, final: candidate, original: original, size: size, fits: size.longSide <= longSide))
            }
        }
    }

    /// Most layouts tried when opening collapsed blocks into the room left on the page.
    static let expansionTries = 10

    /// Opens collapsed blocks one at a time, the critical ones first, keeping each that still
    /// fits the page; a block inside an opened one is tried in turn, so the picture drills
    /// into its critical path as far as the page allows.
    private static func expand(_ fitted: DOTPicture, size: PictureSize, report: AnalysisReport, timeout: Double) throws -> (DOTPicture, PictureSize) {
        var best = (fitted, size)
        var rejected = Set<String>()
        for _ in 0..<expansionTries {
            guard let path = best.0.expandable.first(where: { !rejected.contains($0) }) else { break }
            var options = best.0.options
            options.expandedBlocks.insert(path)
            let trial = DOTWriter.write(report, options: options)
            if case .laidOut(let trialSize) = try measure(trial, timeout: timeout), trialSize.longSide <= longSide {
                best = (trial, trialSize)
            } else {
                rejected.insert(path)
            }
        }
        return best
    }

    /// A picture's size: laid out, or known to be too tall from its rank count alone.
    enum Measure {
        case laidOut(PictureSize)
        case tooManyRanks(Int)

        /// What was too big about the picture.
        var text: String {
            switch self {
            case .laidOut(let size):
                let pixels = size.pixels(dpi: 144)
                return "is \(pixels.width)×\(pixels.height) px at 144 dpi, over the 2,500 px page"
            case .tooManyRanks(let ranks):
                return "has a chain of \(ranks) nodes, too long for the 2,500 px page (\(Int(longSide / minimumRankHeight)) fit)"
            }
        }
    }

    private static func measure(_ picture: DOTPicture, timeout: Double) throws -> Measure {
        let rankHeight = picture.options.isCompact ? minimumCompactRankHeight : minimumRankHeight
        if picture.options.rankDirection == .topToBottom, Double(picture.rankCount) * rankHeight > longSide {
            return .tooManyRanks(picture.rankCount)
        }
        return .laidOut(try layout(picture, timeout: timeout))
    }

    private static func layout(_ picture: DOTPicture, timeout: Double) throws -> PictureSize {
        let output = try GraphvizJob.render(picture.text, as: .svg, dpi: 72, timeout: timeout)
        guard let size = PictureSize(svg: output.bytes) else {
            throw CommandFailure.input(.renderFailed, "graphviz wrote an SVG without a size in points")
        }
        return size
    }

    /// One stderr line: how big the picture was, what was changed, how big it is now.
    private static func note(asked: PictureOptions, first: DOTPicture, final: DOTPicture, original: Measure?, size: PictureSize, fits: Bool) -> String? {
        guard asked != final.options || !fits else { return nil }
        var actions: [String] = []
        if final.options.foldsRepeats, !asked.foldsRepeats { actions.append("folded repeated blocks (×N)") }
        if let depth = final.options.collapseDepth, asked.collapseDepth != depth { actions.append("collapsed blocks at depth \(depth)") }
        if !final.options.expandedBlocks.isEmpty {
            let opened = final.options.expandedBlocks.sorted()
            actions.append("opened \(opened.count) (\(opened.prefix(4).joined(separator: ", "))\(opened.count > 4 ? ", …" : ""))")
        }
        if final.options.isCompact, !asked.isCompact { actions.append("tightened the spacing") }
        if final.options.rankDirection != asked.rankDirection { actions.append("laid it out left to right") }
        let pixels = size.pixels(dpi: 144)
        var text = "note: the picture "
        if let requested = first.requestedSize {
            text += "has \(requested) nodes and clusters, over the --max-nodes budget; "
        } else if let original {
            text += "\(original.text); "
        }
        text += actions.isEmpty ? "nothing left to fold" : actions.joined(separator: ", ")
        text += " → \(pixels.width)×\(pixels.height) px"
        if !fits { text += ", still over the page" }
        return text + " (--full draws everything; --collapse, --fold-repeats, --rankdir choose)"
    }
}
