/// Renders diagnostics in rustc's layout:
///
/// ```
/// error[E201]: unknown op `convv`
///  --> examples/x.net:12:9
///    |
/// 12 |   a = convv(16)
///    |       ^^^^^ not an operation
///    = help: did you mean `conv`?
/// ```
///
/// Pure: takes the source files it may quote and returns text; colour is the caller's choice.
public struct DiagnosticRenderer: Sendable {
    private let files: [String: SourceFile]
    private let color: Bool

    public init(files: [SourceFile], color: Bool = false) {
        var map: [String: SourceFile] = [:]
        for file in files { map[file.name] = file }
        self.files = map
        self.color = color
    }

    /// Renders one diagnostic, ending with a newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = paint(diagnostic.severity.rawValue, severityStyle(diagnostic.severity))
        out += paint("[\(diagnostic.code)]", severityStyle(diagnostic.severity))
        out += paint(": \(diagnostic.message)", "1") + "\n"
        var gutterWidth = 1
        if let location = diagnostic.location {
            gutterWidth = String(location.line).count
            let pad = String(repeating: " ", count: gutterWidth)
            out += "\(pad)\(paint("-->", "34")) \(location.description)\n"
            if !location.isWholeFile, let file = files[location.file] {
                let text = file.lineText(location.line)
                let bar = paint("|", "34")
                out += "\(pad) \(bar)\n"
                out += "\(paint(String(location.line), "34")) \(bar) \(text)\n"
                let prefix = caretPrefix(for: text, column: location.column)
                var caretLine = prefix + String(repeating: "^", count: max(1, location.length))
                if let label = diagnostic.label { caretLine += " " + label }
                out += "\(pad) \(bar) \(paint(caretLine, severityStyle(diagnostic.severity)))\n"
            }
        }
        let pad = String(repeating: " ", count: gutterWidth)
        for note in diagnostic.notes { out += "\(pad) = \(paint("note", "1")): \(note)\n" }
        for help in diagnostic.helps { out += "\(pad) = \(paint("help", "1")): \(help)\n" }
        return out
    }

    /// Renders several diagnostics separated by blank lines, followed by a summary line.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = diagnostics.map(render).joined(separator: "\n")
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if errors > 0 || warnings > 0 {
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
            out += "\n" + parts.joined(separator: ", ") + " found\n"
        }
        return out
    }

    /// Whitespace up to the caret; tabs are kept so the caret lines up under tabbed text.
    private func caretPrefix(for text: String, column: Int) -> String {
        var prefix = ""
        for (index, character) in text.enumerated() where index < column - 1 {
            prefix.append(character == "\t" ? "\t" : " ")
        }
        if text.count < column - 1 {
            prefix += String(repeating: " ", count: column - 1 - text.count)
        }
        return prefix
    }

    private func severityStyle(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        color ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }
}
