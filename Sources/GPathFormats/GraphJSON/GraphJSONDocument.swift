/// A graph JSON file read with ``JSONParser``: the root object's members, and each entry of
/// its `nodes` and `edges` arrays with where it is in the text.
///
/// The top two levels are walked here so that positions come out of the one pass that reads
/// the values: a node's diagnostics point at its `"id"` string, an edge's at its `"src"` key
/// (else at the entry's first byte). Everything inside an entry is a plain ``JSONValue``.
/// Entries are handed to a ``GraphJSONEntryReader`` as they are read, so a 10^6-node file
/// never holds all its entries at once; edges that come before `nodes` in the file wait in
/// ``deferredEdges``. Duplicate keys keep their first occurrence, at every level. O(n) in the
/// text; a syntax error anywhere throws, and the caller drops what its reader collected.
struct GraphJSONDocument {
    /// One element of `nodes` or `edges`.
    struct Entry {
        var value: JSONValue
        /// Byte offset of the entry's first byte.
        var offset: Int
        /// The bytes a diagnostic about the entry underlines: a node's `"id"` string value, an
        /// edge's `"src"` key; nil when the entry has none.
        var anchor: Range<Int>?
    }

    /// What the root member `nodes` or `edges` was.
    enum List: Equatable {
        case absent
        /// An array, whose entries went to the reader (edges: or to ``deferredEdges``).
        case array
        /// A value that is not an array, at this offset.
        case other(offset: Int)
    }

    /// The root's members other than `nodes` and `edges`; nil when the root is not an object.
    var members: [String: JSONValue]?
    /// Byte offset of the root value.
    var rootOffset = 0
    var nodes = List.absent
    var edges = List.absent
    /// The `edges` entries when `edges` came before `nodes`: for the reader to take after the
    /// nodes, in the order the format's readers always used (nodes, then edges).
    var deferredEdges: [Entry] = []

    /// Parses the whole text, handing `reader` the entries; throws the first syntax error.
    static func parse(_ bytes: [UInt8], into reader: inout some GraphJSONEntryReader) throws(JSONSyntaxError) -> GraphJSONDocument {
        try JSONParser.withParser(over: bytes) { parser throws(JSONSyntaxError) in
            var document = GraphJSONDocument()
            parser.skipByteOrderMark()
            parser.skipWhitespace()
            document.rootOffset = parser.offset
            guard parser.current == .openBrace else {
                _ = try parser.value(depth: 0)
                try parser.expectEnd()
                return document
            }
            var members: [String: JSONValue] = [:]
            if try parser.openObject(depth: 0) {
                repeat {
                    let name = try parser.memberName().name
                    if name == "nodes", document.nodes == .absent {
                        document.nodes = try list(&parser, anchor: .value(of: "id")) { entry, index in
                            reader.readNode(entry, index: index)
                        }
                    } else if name == "edges", document.edges == .absent {
                        let afterNodes = document.nodes == .array
                        var deferred: [Entry] = []
                        document.edges = try list(&parser, anchor: .key("src")) { entry, index in
                            if afterNodes { reader.readEdge(entry, index: index) } else { deferred.append(entry) }
                        }
                        document.deferredEdges = deferred
                    } else {
                        let value = try parser.value(depth: 1)
                        if name != "nodes", name != "edges", members[name] == nil { members[name] = value }
                    }
                } while try parser.nextMember()
            }
            try parser.expectEnd()
            document.members = members
            return document
        }
    }

    /// Which member of an entry its diagnostics point at.
    enum Anchor {
        /// The member's value, when it is a string (a node's `"id": "conv1"`).
        case value(of: String)
        /// The member's key (an edge's `"src"`).
        case key(String)
    }

    /// The value of `nodes` or `edges` (depth 1: inside the root object); each entry of an
    /// array goes to `each` with its index.
    private static func list(
        _ parser: inout JSONParser, anchor: Anchor, each: (Entry, Int) -> Void
    ) throws(JSONSyntaxError) -> List {
        parser.skipWhitespace()
        let start = parser.offset
        guard parser.current == .openBracket else {
            _ = try parser.value(depth: 1)
            return .other(offset: start)
        }
        var index = 0
        var members: [(name: String, value: JSONValue)] = []
        if try parser.openArray(depth: 1) {
            repeat {
                parser.skipWhitespace()
                each(try element(&parser, anchor: anchor, members: &members), index)
                index += 1
            } while try parser.nextElement()
        }
        return .array
    }

    /// One element of `nodes` or `edges` (depth 2), ``JSONParser/offset`` at its first byte:
    /// an object ``entry(_:anchor:members:)``, else the value with no anchor.
    /// ``GraphJSONFastReader`` reads the elements it does not take in its stride with this.
    static func element(
        _ parser: inout JSONParser, anchor: Anchor, members: inout [(name: String, value: JSONValue)]
    ) throws(JSONSyntaxError) -> Entry {
        if parser.current == .openBrace { return try entry(&parser, anchor: anchor, members: &members) }
        let offset = parser.offset
        return Entry(value: try parser.value(depth: 2), offset: offset)
    }

    /// An object entry (depth 2: root object, array), noting where its anchor member is.
    /// `members` is scratch space reused across entries, so each entry's dictionary is
    /// allocated once, at its final size.
    private static func entry(
        _ parser: inout JSONParser, anchor: Anchor, members: inout [(name: String, value: JSONValue)]
    ) throws(JSONSyntaxError) -> Entry {
        var entry = Entry(value: .null, offset: parser.offset)
        var hasAnchorMember = false
        members.removeAll(keepingCapacity: true)
        if try parser.openObject(depth: 2) {
            repeat {
                let (name, nameOffset) = try parser.memberName()
                parser.skipWhitespace()
                let valueOffset = parser.offset
                let value = try parser.value(depth: 3)
                members.append((name, value))
                switch anchor {
                case .value(of: let key) where !hasAnchorMember && name == key:
                    hasAnchorMember = true
                    if case .string = value { entry.anchor = valueOffset..<parser.offset }
                case .key(let key) where !hasAnchorMember && name == key:
                    hasAnchorMember = true
                    entry.anchor = nameOffset..<nameOffset + key.utf8.count + 2
                default:
                    break
                }
            } while try parser.nextMember()
        }
        var fields = [String: JSONValue](minimumCapacity: members.count)
        for (name, value) in members {
            // A duplicate name: the first occurrence stays.
            if let earlier = fields.updateValue(value, forKey: name) { fields[name] = earlier }
        }
        entry.value = .object(fields)
        return entry
    }
}
