import GPathDiagnostics
import GPathIR

extension GraphJSONFastReader {
    /// A node object in the plain shape (see the type's summary), cursor at its `{`, declared
    /// in the builder exactly as ``GraphJSONReader/Reader/readNode(_:index:)`` declares it;
    /// false, with nothing declared, when it has another shape or would need a diagnostic.
    ///
    /// For such a node `readNode` reads `id`, `op`, `channels`, `groups`, `height` and `width`
    /// and checks nothing else (no window field, `activation`, `kind`, `entries`, `axis`),
    /// except that `reshape` and `slice_tokens` need a field the plain shape lacks: those go
    /// back to `readNode`, which reports it.
    mutating func plainNode() -> Bool {
        guard scanner.consume(.openBrace) else { return false }
        var id: String?
        var location: SourceLocation?
        var opName: Range<Int>?
        var channels: Int?
        var groups: Int?
        var height: Int?
        var width: Int?
        var seen: UInt8 = 0
        repeat {
            guard let key = scanner.memberName() else { return false }
            let field: UInt8
            switch key.count {
            case 2 where scanner.text(key, is: "id"):
                field = 1
                guard let value = scanner.plainString() else { return false }
                id = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[value]), as: UTF8.self)
                location = scanner.location(of: value.lowerBound - 1 ..< value.upperBound + 1, in: reader.file)
            case 2 where scanner.text(key, is: "op"):
                field = 2
                guard let value = scanner.plainString() else { return false }
                opName = value
            case 8 where scanner.text(key, is: "channels"):
                field = 4
                guard let value = scanner.integer() else { return false }
                channels = value
            case 6 where scanner.text(key, is: "groups"):
                field = 8
                guard let value = scanner.integer() else { return false }
                groups = value
            case 6 where scanner.text(key, is: "height"):
                field = 16
                guard let value = scanner.integer() else { return false }
                height = value
            case 5 where scanner.text(key, is: "width"):
                field = 32
                guard let value = scanner.integer() else { return false }
                width = value
            default:
                return false
            }
            // A repeated member: the full reader keeps the first; leave that to it.
            guard seen & field == 0 else { return false }
            seen |= field
            guard let more = scanner.next(closing: .closeBrace) else { return false }
            if !more { break }
        } while true
        guard let id, let location, let opName,
              let op = ops.op(named: opName, in: scanner.bytes, groups: groups ?? 1)
        else { return false }
        switch op {
        case .reshape, .tokenSlice: return false
        default: break
        }
        var spatial: Spatial?
        if let height, let width { spatial = Spatial(height: height, width: width) }
        reader.builder.addNode(id, op: op, channels: channels, spatial: spatial, location: location)
        return true
    }

    /// An edge object in the plain shape (see the type's summary), cursor at its `{`: the
    /// `connect` call ``GraphJSONReader/Reader/readEdge(_:index:)`` makes for it; nil when it
    /// has another shape or would need a diagnostic (an empty slice).
    mutating func plainEdge() -> PlainEdge? {
        guard scanner.consume(.openBrace) else { return nil }
        var source: String?
        var destination: String?
        var location: SourceLocation?
        var sourceRange: ChannelRange?
        var destinationRange: ChannelRange?
        var stops = false
        var seen: UInt8 = 0
        repeat {
            scanner.skipWhitespace()
            let quote = scanner.offset
            guard let key = scanner.plainString() else { return nil }
            let field: UInt8
            switch key.count {
            case 3 where scanner.text(key, is: "src"):
                field = 1
                // The full reader's anchor: the `"src"` key, quotes included.
                location = scanner.location(of: quote ..< key.upperBound + 1, in: reader.file)
            case 3 where scanner.text(key, is: "dst"): field = 2
            case 9 where scanner.text(key, is: "src_slice"): field = 4
            case 9 where scanner.text(key, is: "dst_slice"): field = 8
            case 13 where scanner.text(key, is: "stop_gradient"): field = 16
            default: return nil
            }
            guard seen & field == 0, scanner.consume(.colon) else { return nil }
            seen |= field
            scanner.skipWhitespace()
            switch field {
            case 1:
                guard let value = scanner.stringValue() else { return nil }
                source = value
            case 2:
                guard let value = scanner.stringValue() else { return nil }
                destination = value
            case 4, 8:
                guard let (low, high) = scanner.integerPair(), low <= high else { return nil }
                if field == 4 { sourceRange = ChannelRange(low, high) } else { destinationRange = ChannelRange(low, high) }
            default:
                guard let value = scanner.bool() else { return nil }
                stops = value
            }
            guard let more = scanner.next(closing: .closeBrace) else { return nil }
            if !more { break }
        } while true
        guard let source, let destination, let location else { return nil }
        return PlainEdge(
            source: source, destination: destination, sourceRange: sourceRange,
            destinationRange: destinationRange, stopsGradient: stops, location: location)
    }
}
