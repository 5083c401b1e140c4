import enum GPathIR.Limits
import Yams

/// A literal argument of a YOLO model YAML row, as `parse_model`'s `eval` would see it: the
/// tiny subset these files use — ints, floats, booleans, `None`, names (`nc`, `anchors`),
/// quoted strings, lists, and constructor calls such as `nn.LeakyReLU(0.1)`.
indirect enum YOLOValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case bool(Bool)
    case none
    case string(String)
    /// An unquoted identifier (`nc`, `anchors`, `nearest`).
    case name(String)
    case list([YOLOValue])
    /// `nn.SiLU()`, `nn.LeakyReLU(0.1)`.
    case call(String, [YOLOValue])

    /// A YAML node: sequences become lists; plain scalars are parsed as literals, quoted ones
    /// stay strings.
    init(_ node: Node) {
        switch node {
        case .sequence(let sequence): self = .list(sequence.map(YOLOValue.init))
        case .mapping: self = .string("<mapping>")
        case .scalar(let scalar):
            self = scalar.style == .plain ? YOLOValue(literal: scalar.string) : .string(scalar.string)
        }
    }

    /// Parses literal text; anything unrecognised is a `.name`.
    init(literal raw: String) {
        let text = raw.trimmingSpaces
        if let value = Int(text) { self = .int(value); return }
        if let value = Double(text) { self = .float(value); return }
        switch text {
        case "True", "true": self = .bool(true); return
        case "False", "false": self = .bool(false); return
        case "None", "null", "~", "": self = .none; return
        default: break
        }
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let arguments = inner.split(separator: ",").map { YOLOValue(literal: String($0)) }
            self = .call(String(text[..<open]), arguments)
            return
        }
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            self = .string(String(text.dropFirst().dropLast()))
            return
        }
        self = .name(text)
    }

    /// The integer value (floats with no fraction count); nil beyond ±``Limits/maximumExtent``,
    /// so no module argument can overflow shape arithmetic.
    var int: Int? {
        switch self {
        case .int(let value) where value.magnitude <= UInt(Limits.maximumExtent): value
        case .float(let value) where value == value.rounded() && abs(value) <= Double(Limits.maximumExtent): Int(value)
        default: nil
        }
    }

    /// The numeric value.
    var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .float(let value): value
        default: nil
        }
    }

    var description: String {
        switch self {
        case .int(let value): "\(value)"
        case .float(let value): "\(value)"
        case .bool(let value): value ? "True" : "False"
        case .none: "None"
        case .string(let value): "'\(value)'"
        case .name(let value): value
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .call(let name, let values): name + "(" + values.map(\.description).joined(separator: ", ") + ")"
        }
    }
}
