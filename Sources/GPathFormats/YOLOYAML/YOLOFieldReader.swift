import GPathDiagnostics
import enum GPathIR.Limits
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
        if case .int(let value) = YOLOValue(node), value.magnitude > UInt(Limits.maximumExtent) {
            report(.sizeLimit, "`\(field)` is \(value), beyond gpath's limit of \(Limits.extentDescription)", at: node)
            return nil
        }
        if let value = YOLOValue(node).int { return value }
        report(.invalidField, "`\(field)` must be an integer", at: node)
        return nil
    }

    mutating func number(_ node: Node, _ field: String) -> Double? {
        if let value = YOLOValue(node).number { return value }
        report(.invalidField, "`\(field)` must be a number", at: node)
        return nil
    }

    /// A depth or width multiple: finite, positive and at most ``YOLOModel/maximumMultiplier``
    /// (E217 above it: `depth_multiple: 1e19` would overflow the repeat count).
    mutating func multiplier(_ node: Node, _ field: String) -> Double? {
        guard let value = number(node, field) else { return nil }
        guard value.isFinite, value > 0, value <= YOLOModel.maximumMultiplier else {
            report(.sizeLimit, "`\(field)` is \(value); gpath accepts a multiple above 0 and at most \(YOLOModel.maximumMultiplier)", at: node,
                   notes: ["gpath's size limits are listed in docs/reliability.md"])
            return nil
        }
        return value
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
        if let far = from.first(where: { $0.magnitude > UInt(Limits.maximumExtent) }) {
            report(.sizeLimit, "`from` \(far) of row \(index) is beyond gpath's limit of \(Limits.extentDescription)", at: items[0])
            return nil
        }
        guard let number = YOLOValue(items[1]).int, number >= 1 else {
            report(.invalidField, "`number` of row \(index) must be a positive integer", at: items[1])
            return nil
        }
        guard number <= YOLOModel.maximumRepeats else {
            report(.sizeLimit, "`number` of row \(index) is \(number), above gpath's limit of \(YOLOModel.maximumRepeats) repeats", at: items[1],
                   notes: ["gpath's size limits are listed in docs/reliability.md"])
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
