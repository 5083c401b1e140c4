import GPathDiagnostics
import GPathIR

/// Reads gpath's own `.net` language (`docs/net-language.md`) into the IR.
///
/// Three stages, each collecting every problem it can: lexing (E101, E103, E104), parsing
/// (E102, resynchronising at statement boundaries), and expansion of blocks, loops and
/// arithmetic into a ``GraphBuilder`` (E2xx). Expansion is skipped when the syntax is broken,
/// so one typo does not cascade into unknown-name errors. The builder's verification adds the
/// IR checks (E3xx). At most 20 errors are reported.
public enum NetReader {
    /// `parameters` override top-level `param` declarations (CLI `-D name=value`); `limits`
    /// bound the expansion (the product's by default).
    public static func read(
        _ file: SourceFile, parameters: [String: Int] = [:], limits: ReaderLimits = .standard
    ) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var lexer = NetLexer(file: file)
        let tokens = lexer.run()
        var parser = NetParser(file: file, tokens: tokens)
        let statements = parser.parseFile()
        var collector = DiagnosticCollector()
        let syntax = (lexer.diagnostics + parser.diagnostics).sortedByLocation
        if !syntax.isEmpty {
            for diagnostic in syntax { collector.report(diagnostic) }
            return (nil, collector.finished)
        }
        var name = defaultName(for: file)
        for case .network(let declared, _) in statements { name = declared }
        var expander = NetExpander(file: file, name: name, overrides: parameters, limits: limits)
        expander.run(statements)
        if expander.collector.hasErrors { return (nil, expander.collector.finished) }
        let (graph, diagnostics) = expander.builder.build()
        var final = expander.collector
        for diagnostic in diagnostics { final.report(diagnostic) }
        return (final.hasErrors ? nil : graph, final.finished)
    }

    /// The file name without directories and extension: `examples/resnet.net` → `resnet`.
    static func defaultName(for file: SourceFile) -> String {
        let base = file.name.split(separator: "/").last.map(String.init) ?? file.name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }
}
