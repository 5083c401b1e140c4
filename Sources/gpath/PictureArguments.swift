import ArgumentParser
import GPathReport

/// The flags `gpath dot` and `gpath render` share: which picture, and how it is arranged.
struct PictureArguments: ParsableArguments {
    @Option(name: .long, help: "What to draw: graph (the network), timestamps (the Figure-7 grid), compare (two designs' gradient paths; give a second file).")
    var view: PictureView = .graph

    @Argument(help: ArgumentHelp("With --view compare: the second design.", valueName: "second-file"))
    var others: [String] = []

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
        if view == .compare, others.count != 1 {
            throw ValidationError("--view compare needs exactly two files: gpath render a.net --view compare b.net -o out.svg")
        }
        if view != .compare, !others.isEmpty {
            throw ValidationError("unexpected extra file `\(others[0])`; only --view compare reads two files")
        }
        if let collapse, collapse < 1 { throw ValidationError("--collapse must be at least 1 (1 folds every top-level block)") }
        if maxNodes < 0 { throw ValidationError("--max-nodes must not be negative") }
    }

    var options: PictureOptions {
        PictureOptions(rankDirection: rankdir ?? .topToBottom, colorBy: colorBy, collapseDepth: collapse, foldsRepeats: foldRepeats)
    }
}

/// `--view` choices.
enum PictureView: String, ExpressibleByArgument, CaseIterable {
    case graph
    case timestamps
    case compare
}

extension PictureOptions.RankDirection: ExpressibleByArgument {}
extension PictureOptions.ColorMetric: ExpressibleByArgument {}
