import ArgumentParser
import GPathReport

/// The flags `gpath dot` and `gpath render` share: which picture, and how it is arranged.
struct PictureArguments: ParsableArguments {
    @Option(name: .long, help: "What to draw: graph (the network), timestamps (the Figure-7 grid), compare (two designs' gradient paths; give a second file).")
    var view: PictureView = .graph

    @Argument(help: ArgumentHelp("With --view compare: the second design.", valueName: "second-file"))
    var others: [String] = []

    @OptionGroup var layout: PictureLayoutArguments

    func validate() throws {
        if view == .compare, others.count != 1 {
            throw ValidationError("--view compare needs exactly two files: gpath render a.net --view compare b.net -o out.svg")
        }
        if view != .compare, !others.isEmpty {
            throw ValidationError("unexpected extra file `\(others[0])`; only --view compare reads two files")
        }
    }

    var colorBy: PictureOptions.ColorMetric { layout.colorBy }
    var maxNodes: Int { layout.maxNodes }
    var options: PictureOptions { layout.options }
}

/// `--view` choices.
enum PictureView: String, ExpressibleByArgument, CaseIterable {
    case graph
    case timestamps
    case compare
}
