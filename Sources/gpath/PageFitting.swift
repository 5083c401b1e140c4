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

    /// The DOT text to draw and the note to print (nil when nothing was changed).
    static func fit(_ report: AnalysisReport, _ picture: PictureArguments, timeout: Double) throws -> (text: String, note: String?) {
        guard !picture.full else { return (DOTWriter.write(report, options: picture.options).text, nil) }
        let first = DOTWriter.write(report, options: picture.options, budget: picture.maxNodes == 0 ? nil : picture.maxNodes)
        var candidate = first
        var original: Measure?
        var turned = false
        while true {
            let measure = try self.measure(candidate, timeout: timeout)
            if original == nil { original = measure }
            if case .laidOut(let size) = measure, size.longSide <= longSide {
                return (candidate.text, note(first: first, final: candidate, original: original, size: size, fits: true))
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
                return (candidate.text, note(first: first, final: candidate, original: original, size: size, fits: size.longSide <= longSide))
            }
        }
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
        if picture.options.rankDirection == .topToBottom, Double(picture.rankCount) * minimumRankHeight > longSide {
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
    private static func note(first: DOTPicture, final: DOTPicture, original: Measure?, size: PictureSize, fits: Bool) -> String? {
        guard first.options != final.options || !fits || first.note != nil else { return nil }
        var actions: [String] = []
        let requested = first.note == nil ? first.options : nil
        if final.options.foldsRepeats, requested?.foldsRepeats != true { actions.append("folded repeated blocks (×N)") }
        if let depth = final.options.collapseDepth, requested?.collapseDepth != depth { actions.append("collapsed blocks at depth \(depth)") }
        if final.options.rankDirection != first.options.rankDirection { actions.append("laid it out left to right") }
        let pixels = size.pixels(dpi: 144)
        var text = "note: the picture "
        if let original, first.options != final.options || !fits {
            text += "\(original.text); "
        }
        text += actions.isEmpty ? "nothing left to fold" : actions.joined(separator: ", ")
        text += " → \(pixels.width)×\(pixels.height) px"
        if !fits { text += ", still over the page" }
        return text + " (--full draws everything; --collapse, --fold-repeats, --rankdir choose)"
    }
}
