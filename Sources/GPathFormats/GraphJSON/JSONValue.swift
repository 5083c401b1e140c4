/// A parsed JSON value (``JSONParser``) that keeps booleans, integers and other numbers apart:
/// a number whose value is an integer that fits `Int` is `.integer` (`1.0` and `1e3` too).
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// The value as an integer when it is one exactly (`2.0` counts, `2.5` and `true` do not).
    var integer: Int? {
        switch self {
        case .integer(let i): i
        case .number(let d) where d.rounded() == d && abs(d) < 1e15: Int(d)
        default: nil
        }
    }

    /// The value as a number.
    var double: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }
}
