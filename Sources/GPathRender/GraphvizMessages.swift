import CGraphviz
import Synchronization

/// Graphviz keeps its error handler, parser and plugin tables in process-global state, so every
/// call into it happens while holding this one lock. It is the only lock in the module and is
/// never taken re-entrantly.
let graphvizLock = Mutex<Void>(())

/// Text Graphviz reported through ``collectMessage`` since the last ``GraphvizMessages/begin()``.
/// Only read or written while ``graphvizLock`` is held (the C callback cannot capture context,
/// hence a global).
nonisolated(unsafe) private var collectedText = ""

/// The `agusererrf` callback: Graphviz hands over messages in pieces ("Error", ": ", "syntax
/// error in line 1 near ';'\n"), so they are appended and split into lines at the end.
private let collectMessage: agusererrf = { piece in
    if let piece { collectedText += String(cString: piece) }
    return 0
}

/// Captures Graphviz's warnings and errors instead of letting them reach stderr.
enum GraphvizMessages {
    /// Installs the collector and clears earlier text. Call with ``graphvizLock`` held.
    static func begin() {
        collectedText = ""
        _ = agseterr(AGWARN)
        _ = agseterrf(collectMessage)
        _ = agreseterrors()
    }

    /// The collected messages as trimmed, non-empty lines, and clears them. Call with
    /// ``graphvizLock`` held.
    static func end() -> [String] {
        let lines = collectedText.split(whereSeparator: \.isNewline)
            .map { line in String(line.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
            .filter { !$0.isEmpty }
        collectedText = ""
        return lines
    }
}
