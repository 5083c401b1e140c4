import GPathDiagnostics
import Yams

/// Reads typed fields and `[from, number, module, args]` rows from Yams nodes, turning their
/// marks into ``SourceLocation``s and every mistake into a diagnostic.
struct FieldReader {
    let file: SourceFile
    var diagnostics: [Diagnostic] = []

    /// The node's position (line and column from its Yams mark), spanning a scalar's text.
    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return file.location(ofOffset: 0) }
        let length = node?.scalar.map { max(1, $0.string.count) } ?? 1
        return SourceLocation(file: file.name, line: mark.line, column: max(1, mark.column), length: length)
    }

    mutating func report(
        _ code: DiagnosticCode, _ message: String, at node: Node?, label: String? = nil, notes: [String] = [], helps: [String] = []
    ) {
        diagnostics.append(Diagnostic(code, message, at: location(node), label: label, notes: notes, helps: helps))
    }

    mutating func int(_ node: Node, _ field: String) -> Int? {
        if let value = YOLOValue(node).int { return value }
        report(.invalidField, "`\(field)` must be an integer", at: node)
        return nil
    }

    mutating func number(_ node: Node, _ field: String) -> Double? {
        if let value = YOLOValue(node).number { return value }
        report(.invalidField, "`\(field)` must be a number", at: node)
        return nil
    }

    /// One row; nil (reported) when it is not `[from, number, module, args]`.
    mutating func row(_ node: Node, index: Int) -> YOLOModel.Row? {
        guard let items = node.sequence, items.count == 4 else {
            report(.invalidField, "row \(index) must be `[from, number, module, args]`", at: node,
                   label: node.sequence.map { "\($0.count) items" } ?? "not a list")
            return nil
        }
        var from: [Int] = []
        switch YOLOValue(items[0]) {
        case .int(let value): from = [value]
        case .list(let values) where !values.isEmpty && values.allSatisfy({ $0.int != nil }): from = values.compactMap(\.int)
        default:
            report(.invalidField, "`from` of row \(index) must be an integer or a list of integers", at: items[0])
            return nil
        }
        guard let number = YOLOValue(items[1]).int, number >= 1 else {
            report(.invalidField, "`number` of row \(index) must be a positive integer", at: items[1])
            return nil
        }
        guard let module = items[2].scalar?.string, !module.isEmpty else {
            report(.invalidField, "`module` of row \(index) must be a module name", at: items[2])
            return nil
        }
        guard case .list(let arguments) = YOLOValue(items[3]) else {
            report(.invalidField, "`args` of row \(index) must be a list", at: items[3])
            return nil
        }
        return YOLOModel.Row(index: index, from: from, number: number, module: module, arguments: arguments,
                             location: location(node), moduleLocation: location(items[2]))
    }
}
