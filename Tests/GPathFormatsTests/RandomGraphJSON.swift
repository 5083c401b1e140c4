import GPathTestSupport

/// Seeded random graph JSON documents for comparing ``GraphJSONFastReader`` with the full
/// reader: mostly the plain shape the fast path reads in place, mixed with everything that
/// sends an entry (or the whole file) back to the full reader — extra and repeated fields,
/// escapes and non-ASCII names, numbers like `2.0` and `1e1`, wrong types, unknown ops, empty
/// slices, entries that are not objects, edges before nodes, trailing commas, CR LF and tabs —
/// and, in some documents, one byte deleted, inserted or replaced.
struct RandomGraphJSON {
    var random: SeededGenerator
    /// Whitespace between tokens; empty in a minified document.
    private var spaces: [String] = []

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// One document.
    mutating func document() -> String {
        spaces = chance(0.3) ? [""] : ["", " ", " ", "\n", "\n  ", "\r\n", "\t", "  \n    "]
        let count = Int.random(in: 1...12, using: &random)
        let ids = (0..<count).map { id($0) }
        var members: [String] = []
        members.append(member("nodes", list(ids.indices.map { node(ids[$0], index: $0) })))
        if chance(0.9) { members.append(member("edges", list((0..<Int.random(in: 0...15, using: &random)).map { _ in edge(ids) }))) }
        if chance(0.8) { members.append(member("name", chance(0.9) ? quoted("g\(Int.random(in: 0...9, using: &random))") : "5")) }
        if chance(0.3) { members.append(member("description", quoted(chance(0.5) ? "a graph" : "é graph\\n"))) }
        if chance(0.2) { members.append(member("meta", "{\"a\": [1, 2.5, {\"b\": null}], \"c\": true}")) }
        if chance(0.05) { members.append(member("nodes", "[]")) }
        if chance(0.05) { members.append(member("edges", chance(0.5) ? "null" : "[]")) }
        if chance(0.03) { members = [member("edges", "7")] + members }
        members.shuffle(using: &random)
        var text = (chance(0.05) ? "\u{FEFF}" : "") + object(members) + (chance(0.2) ? "\n" : "")
        if chance(0.15) { corrupt(&text) }
        return text
    }

    private mutating func id(_ index: Int) -> String {
        switch Int.random(in: 0..<40, using: &random) {
        case 0: "é\(index)"
        case 1: "n\\u0031\(index)"
        case 2: "a-very-long-node-name-\(index)"
        case 3: "n\(max(0, index - 1))"  // a duplicate now and then
        case 4: "n\\\"\(index)"
        default: "n\(index)"
        }
    }

    private static let ops = [
        "input", "layer", "layer", "conv", "linear", "add", "sum", "concat", "identity", "act", "slice",
        "stop_gradient", "sg", "loss", "output", "Layer", "LOSS", "reshape", "slice_tokens", "softmax",
        "learned", "groupnorm", "matmul", "upsample", "concatt", "a_spelling_longer_than_16",
    ]

    private mutating func node(_ id: String, index: Int) -> String {
        if chance(0.03) { return ["5", "\"x\"", "[]", "null", "{}"].randomElement(using: &random) ?? "5" }
        var fields: [String] = []
        if chance(0.97) { fields.append(member("id", chance(0.97) ? quoted(id) : "3")) }
        if chance(0.97) { fields.append(member("op", chance(0.97) ? quoted(Self.ops.randomElement(using: &random) ?? "layer") : "null")) }
        if chance(0.8) { fields.append(member("channels", integer())) }
        if chance(0.1) { fields.append(member("groups", integer())) }
        if chance(0.15) {
            fields.append(member("height", integer()))
            if chance(0.8) { fields.append(member("width", integer())) }
        }
        if chance(0.05) { fields.append(member("description", quoted("x"))) }
        if chance(0.04) { fields.append(member("kernel", chance(0.5) ? "3" : "[3, 1]")) }
        if chance(0.04) { fields.append(member("activation", quoted(chance(0.5) ? "relu" : "relux"))) }
        if chance(0.03) { fields.append(member("kind", quoted("dropout"))) }
        if chance(0.04), let first = fields.first { fields.append(first) }  // a repeated member
        fields.shuffle(using: &random)
        return object(fields)
    }

    private mutating func edge(_ ids: [String]) -> String {
        if chance(0.03) { return ["1", "\"e\"", "[{}]", "true"].randomElement(using: &random) ?? "1" }
        var fields: [String] = []
        let name = { (random: inout SeededGenerator) in ids.randomElement(using: &random) ?? "n0" }
        if chance(0.97) { fields.append(member("src", chance(0.97) ? quoted(name(&random)) : "0")) }
        if chance(0.97) { fields.append(member("dst", chance(0.97) ? quoted(chance(0.95) ? name(&random) : "nowhere") : "[]")) }
        if chance(0.3) { fields.append(member("src_slice", slice())) }
        if chance(0.15) { fields.append(member("dst_slice", slice())) }
        if chance(0.15) { fields.append(member("stop_gradient", ["true", "false", "false", "1", "\"yes\""].randomElement(using: &random) ?? "true")) }
        if chance(0.04) { fields.append(member("role", quoted("skip"))) }
        if chance(0.04), let first = fields.first { fields.append(first) }
        fields.shuffle(using: &random)
        return object(fields)
    }

    private mutating func integer() -> String {
        switch Int.random(in: 0..<30, using: &random) {
        case 0: "2.0"
        case 1: "1e1"
        case 2: "\"3\""
        case 3: "-1"
        case 4: "0"
        case 5: "2.5"
        case 6: "12345678901234567890"
        case 7: "-0"
        default: "\(Int.random(in: 1...64, using: &random))"
        }
    }

    private mutating func slice() -> String {
        let low = Int.random(in: 0...4, using: &random)
        let high = low + Int.random(in: -1...4, using: &random)
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return "[\(low)]"
        case 1: return "[\(low).0, \(high)]"
        case 2: return "[\(low), \(high), 1]"
        case 3: return "\(low)"
        default: return "[\(ws())\(low)\(ws()),\(ws())\(high)\(ws())]"
        }
    }

    // MARK: Syntax

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    private mutating func ws() -> String { spaces.randomElement(using: &random) ?? "" }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }

    private mutating func member(_ name: String, _ value: String) -> String { "\(quoted(name))\(ws()):\(ws())\(value)" }

    private mutating func object(_ members: [String]) -> String { container("{", members, "}") }

    private mutating func list(_ elements: [String]) -> String { container("[", elements, "]") }

    private mutating func container(_ open: String, _ items: [String], _ close: String) -> String {
        var text = open + ws()
        for (index, item) in items.enumerated() {
            text += item + ws()
            if index < items.count - 1 { text += "," + ws() }
        }
        if !items.isEmpty, chance(0.05) { text += "," + ws() }  // one trailing comma
        return text + close
    }

    /// One byte deleted, inserted or replaced somewhere in the document.
    private mutating func corrupt(_ text: inout String) {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return }
        let at = Int.random(in: 0..<bytes.count, using: &random)
        let byte = Array("{}[],:\" \n\\0e-.ax".utf8).randomElement(using: &random) ?? 0x20
        switch Int.random(in: 0..<3, using: &random) {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(byte, at: at)
        default: bytes[at] = byte
        }
        text = String(decoding: bytes, as: UTF8.self)
    }
}
