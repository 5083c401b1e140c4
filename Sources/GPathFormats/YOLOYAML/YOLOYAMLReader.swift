import GPathDiagnostics
import GPathIR

/// Reads a YOLO model YAML file (yolov5 / yolov7 / ultralytics `[from, number, module, args]`
/// rows, `formats.md` §2) into the IR, via Yams' node API so every row keeps its line.
///
/// Stages: YAML syntax (E109), structure (E106, E207, E208), row lowering with module expansion
/// (E201 unknown module, E204 shape mismatch, E208 bad `from`, E214 unsupported activation),
/// then IR verification (E3xx). The input is `ch`×640×640. At most 20 errors are reported.
public enum YOLOYAMLReader {
    /// `scale` picks a row of the file's `scales` table (`n`, `s`, `m`, `l`, `x`); by default the
    /// letter ending the file name (`yolov8n.yaml`), else the table's first scale. `limits`
    /// bound the lowered node count (the product's by default).
    public static func read(
        _ file: SourceFile, scale: String? = nil, limits: ReaderLimits = .standard
    ) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        var collector = DiagnosticCollector()
        var early: [Diagnostic] = []
        guard let model = YOLOModel.parse(file, scale: scale, diagnostics: &early) else {
            for diagnostic in early.sortedByLocation { collector.report(diagnostic) }
            return (nil, collector.finished)
        }
        var lowering = YOLOLowering(file: file, model: model, name: NetReader.defaultName(for: file), limits: limits)
        lowering.run()
        for diagnostic in (early + lowering.diagnostics).sortedByLocation { collector.report(diagnostic) }
        if collector.hasErrors { return (nil, collector.finished) }
        let (graph, diagnostics) = lowering.tensors.build()
        for diagnostic in diagnostics { collector.report(diagnostic) }
        return (collector.hasErrors ? nil : graph, collector.finished)
    }
}
