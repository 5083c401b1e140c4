import Foundation

/// Parsed JSON for comparing reports "as parsed JSON": numbers compare by value (1 == 1.0),
/// objects by key set, arrays in order.
public indirect enum JSONTree: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    /// Parses `text`; nil when it is not JSON.
    public init?(parsing text: String) {
        guard let data = text.data(using: .utf8),
              let any = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        self.init(any: any)
    }

    private init(any: Any) {
        switch any {
        case is NSNull: self = .null
        case let string as String: self = .string(string)
        case let array as [Any]: self = .array(array.map { JSONTree(any: $0) })
        case let object as [String: Any]: self = .object(object.mapValues { JSONTree(any: $0) })
        case let number as NSNumber:
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        default: self = .null
        }
    }

    public subscript(key: String) -> JSONTree? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let b): "\(b)"
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? "\(Int(n))" : "\(n)"
        case .string(let s): "\"\(s)\""
        case .array(let a): "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o): "{" + o.keys.sorted().map { "\($0): \(o[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }

    /// Paths where `expected` differs from `self`, considering only keys present in
    /// `expected` (extra fields in `self` are allowed). At most `limit` entries.
    public func differences(from expected: JSONTree, path: String = "$", limit: Int = 20) -> [String] {
        var found: [String] = []
        var stack: [(JSONTree, JSONTree, String)] = [(self, expected, path)]
        while let (actual, wanted, at) = stack.popLast(), found.count < limit {
            switch (actual, wanted) {
            case let (.object(a), .object(b)):
                for key in b.keys.sorted().reversed() {
                    if let value = a[key], let want = b[key] { stack.append((value, want, "\(at).\(key)")) } else { found.append("\(at).\(key): missing") }
                }
            case let (.array(a), .array(b)):
                if a.count != b.count {
                    found.append("\(at): \(a.count) items, expected \(b.count): got \(actual), expected \(wanted)")
                } else {
                    for index in a.indices.reversed() { stack.append((a[index], b[index], "\(at)[\(index)]")) }
                }
            default:
                if actual != wanted { found.append("\(at): got \(actual), expected \(wanted)") }
            }
        }
        return found
    }
}
