import GPathDiagnostics
import GPathIR

/// Reads a Darknet `.cfg` file (AlexeyAB/darknet `parser.c` semantics, `formats.md` §1) into
/// the IR.
///
/// Three stages, each collecting every problem it can: the section parser (E102), lowering of
/// each section with its key schema (E106 missing key, E207 unknown key, E208 bad value or
/// layer index, E204 shape mismatch, E201 unknown section, E214 unsupported, W215 training-only
/// key), and the builder's IR verification (E3xx). Layer ids are darknet's: `"0"` is the first
/// section after `[net]`; every node keeps its `[section]` line. At most 20 errors are reported.
public enum DarknetReader {
    /// Parses, lowers and verifies `file`; the graph is nil when any error was found.
    public static func read(_ file: SourceFile) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var parser = DarknetParser(file: file)
        let sections = parser.parse()
        var collector = DiagnosticCollector()
        var lowering = DarknetLowering(file: file, name: NetReader.defaultName(for: file))
        lowering.run(sections)
        for diagnostic in (parser.diagnostics + lowering.diagnostics).sortedByLocation { collector.report(diagnostic) }
        if collector.hasErrors { return (nil, collector.finished) }
        let (graph, diagnostics) = lowering.tensors.build()
        for diagnostic in diagnostics { collector.report(diagnostic) }
        return (collector.hasErrors ? nil : graph, collector.finished)
    }
}
