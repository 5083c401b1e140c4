import GPathDiagnostics
import GPathIR

/// The fast path of ``GraphJSONReader``: reads a well-formed graph JSON file straight into
/// the reader's `GraphBuilder`, without a ``JSONValue`` per member.
///
/// The common shapes are read in place by ``GraphJSONFastScanner``: a node with only `id`,
/// `op`, `channels`, `groups`, `height`, `width`; an edge with only `src`, `dst`, `src_slice`,
/// `dst_slice`, `stop_gradient`; plain strings and integers; no duplicate members. A node or
/// edge of any other shape (extra fields, escapes, non-ASCII names, numbers like `2.0`, an
/// unknown op, an empty slice, a value of the wrong type…) is read from its first byte again by
/// ``GraphJSONDocument/element(_:anchor:members:)`` and handed to the same
/// ``GraphJSONReader/Reader/readNode(_:index:)`` or `readEdge` the full reader uses, so its
/// diagnostics are today's. Root members other than the first `nodes` and `edges` are read by
/// ``JSONParser`` too.
///
/// It gives up — ``declare(_:)`` returns nil and the caller reads the whole file again with
/// ``GraphJSONDocument`` — at whatever would make the full reader report something outside
/// the entries: any syntax error or nesting beyond the limit, a root that is not an object,
/// `nodes` missing or not an array, `edges` not an array. So every outcome, graph or
/// diagnostics, is the full reader's; the tests compare the two on the examples and on seeded
/// random documents. O(n) in the text; work thrown away when it gives up is at most one pass.
struct GraphJSONFastReader {
    /// An edge read before `nodes`, kept for after them (the full reader's order).
    private enum PendingEdge {
        case plain(PlainEdge)
        case entry(GraphJSONDocument.Entry, index: Int)
    }

    /// The arguments of one `GraphBuilder.connect` call.
    struct PlainEdge {
        var source: String
        var destination: String
        var sourceRange: ChannelRange?
        var destinationRange: ChannelRange?
        var stopsGradient: Bool
        var location: SourceLocation
    }

    var scanner: GraphJSONFastScanner
    var reader: GraphJSONReader.Reader
    var ops = GraphJSONOpCache()
    private var pendingEdges: [PendingEdge] = []
    /// Scratch space for ``GraphJSONDocument/element(_:anchor:members:)``.
    private var members: [(name: String, value: JSONValue)] = []

    private init(scanner: GraphJSONFastScanner, file: SourceFile) {
        self.scanner = scanner
        reader = GraphJSONReader.Reader(file: file)
    }

    /// Reads `file` into a reader, ready for ``GraphJSONReader/Reader/finish(_:members:)``
    /// with the document and root members returned; nil when the full reader must read it.
    static func declare(_ file: SourceFile) -> (reader: GraphJSONReader.Reader, document: GraphJSONDocument, members: [String: JSONValue])? {
        file.bytes.withUnsafeBufferPointer { buffer in
            var fast = GraphJSONFastReader(scanner: GraphJSONFastScanner(bytes: buffer), file: file)
            guard let (document, members) = fast.document() else { return nil }
            return (fast.reader, document, members)
        }
    }

    /// The root object; edges that came before `nodes` declared after them.
    private mutating func document() -> (GraphJSONDocument, [String: JSONValue])? {
        scanner.skipByteOrderMark()
        guard scanner.consume(.openBrace) else { return nil }
        var document = GraphJSONDocument()
        var members: [String: JSONValue] = [:]
        repeat {
            guard let name = scanner.memberName() else { return nil }
            if scanner.text(name, is: "nodes"), document.nodes == .absent {
                guard nodes() else { return nil }
                document.nodes = .array
            } else if scanner.text(name, is: "edges"), document.edges == .absent {
                guard edges(deferred: document.nodes == .absent) else { return nil }
                document.edges = .array
            } else {
                guard let value = value(depth: 1) else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[name]), as: UTF8.self)
                if key != "nodes", key != "edges", members[key] == nil { members[key] = value }
            }
            guard let more = scanner.next(closing: .closeBrace) else { return nil }
            if !more { break }
        } while true
        scanner.skipWhitespace()
        guard scanner.isAtEnd, document.nodes == .array else { return nil }
        for pending in pendingEdges {
            switch pending {
            case .plain(let edge): connect(edge)
            case .entry(let entry, let index): reader.readEdge(entry, index: index)
            }
        }
        pendingEdges = []
        return (document, members)
    }

    /// The `nodes` array, cursor at its value; false when the full reader must take over.
    private mutating func nodes() -> Bool {
        list { fast, index in
            let mark = fast.scanner.position
            if fast.scanner.current == .openBrace, fast.plainNode() { return true }
            fast.scanner.position = mark
            guard let entry = fast.element(anchor: .value(of: "id")) else { return false }
            fast.reader.readNode(entry, index: index)
            return true
        }
    }

    /// The `edges` array, cursor at its value; `deferred` when `nodes` has not been read yet.
    private mutating func edges(deferred: Bool) -> Bool {
        list { fast, index in
            let mark = fast.scanner.position
            if fast.scanner.current == .openBrace, let edge = fast.plainEdge() {
                if deferred { fast.pendingEdges.append(.plain(edge)) } else { fast.connect(edge) }
                return true
            }
            fast.scanner.position = mark
            guard let entry = fast.element(anchor: .key("src")) else { return false }
            if deferred { fast.pendingEdges.append(.entry(entry, index: index)) } else { fast.reader.readEdge(entry, index: index) }
            return true
        }
    }

    /// An array whose elements go to `each` (cursor at the element's first byte, with its
    /// index); false when it is not an array, on a syntax error, or when `each` says so.
    private mutating func list(_ each: (inout GraphJSONFastReader, Int) -> Bool) -> Bool {
        guard scanner.consume(.openBracket) else { return false }
        scanner.skipWhitespace()
        if scanner.consume(.closeBracket) { return true }
        var index = 0
        repeat {
            scanner.skipWhitespace()
            guard each(&self, index) else { return false }
            index += 1
            guard let more = scanner.next(closing: .closeBracket) else { return false }
            if !more { return true }
        } while true
    }

    private mutating func connect(_ edge: PlainEdge) {
        reader.builder.connect(
            edge.source, to: edge.destination, sourceRange: edge.sourceRange,
            destinationRange: edge.destinationRange, stopsGradient: edge.stopsGradient, location: edge.location)
    }

    // MARK: The full parser, for what the scanner does not take

    /// The value at the cursor read by ``JSONParser`` (`depth` containers open around it);
    /// nil on a syntax error.
    private mutating func value(depth: Int) -> JSONValue? {
        var parser = JSONParser(bytes: scanner.bytes, offset: scanner.offset)
        do throws(JSONSyntaxError) {
            let value = try parser.value(depth: depth)
            scanner.advance(to: parser.offset)
            return value
        } catch {
            return nil
        }
    }

    /// The element of `nodes` or `edges` at the cursor, as the full reader reads it; nil on a
    /// syntax error.
    private mutating func element(anchor: GraphJSONDocument.Anchor) -> GraphJSONDocument.Entry? {
        var parser = JSONParser(bytes: scanner.bytes, offset: scanner.offset)
        do throws(JSONSyntaxError) {
            let entry = try GraphJSONDocument.element(&parser, anchor: anchor, members: &members)
            scanner.advance(to: parser.offset)
            return entry
        } catch {
            return nil
        }
    }
}
