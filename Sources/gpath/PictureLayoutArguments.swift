import ArgumentParser
import GPathReport

/// How a network picture is arranged: the flags `gpath dot`, `gpath render` and `gpath report`
/// share (through ``PictureArguments`` for the first two).
struct PictureLayoutArguments: ParsableArguments {
    @Option(name: .long, help: "Layout direction: TB (inputs on top, the default) or LR (inputs left, for slides).")
    var rankdir: PictureOptions.RankDirection?

    @Option(name: .customLong("color-by"), help: "Node colour: shortest, longest, timestamps, params, flops.")
    var colorBy: PictureOptions.ColorMetric = .shortest

    @Option(name: .long, help: ArgumentHelp("Draw each block at this depth of the name hierarchy (stage2 = 1, stage2.block1 = 2) as one node.", valueName: "depth"))
    var collapse: Int?

    @Flag(name: .customLong("fold-repeats"), help: "Draw runs of identical consecutive blocks once, marked ×N.")
    var foldRepeats = false

    @Flag(name: .long, help: "Draw every node: no automatic folding or collapsing to fit the page.")
    var full = false

    @Option(name: .customLong("max-nodes"), help: "Node budget: above it, repeats are folded and blocks collapsed automatically (0: no budget).")
    var maxNodes = 400

    func validate() throws {
        if let collapse, collapse < 1 { throw ValidationError("--collapse must be at least 1 (1 folds every top-level block)") }
        if maxNodes < 0 { throw ValidationError("--max-nodes must not be negative") }
    }

    var options: PictureOptions {
        PictureOptions(rankDirection: rankdir ?? .topToBottom, colorBy: colorBy, collapseDepth: collapse, foldsRepeats: foldRepeats)
    }

    /// The node budget for ``DOTWriter/write(_:options:budget:)`` (nil: none).
    var budget: Int? { maxNodes == 0 ? nil : maxNodes }
}

extension PictureOptions.RankDirection: ExpressibleByArgument {}
extension PictureOptions.ColorMetric: ExpressibleByArgument {}
