/// Byte ranges of the graph's nodes and initializers inside a serialized `ModelProto`.
///
/// The main decode skips every weight payload; when the importer needs the *values* of a small
/// constant tensor (a reshape target, split sizes, slice bounds, resize scales) it decodes just
/// that initializer or node again, with the payload, from the range recorded here. The walk
/// reads only tags and lengths — never payload bytes — so it costs O(number of fields) whatever
/// the model's size.
///
/// Wire format (protobuf encoding): each field is a varint key `field << 3 | wireType`
/// followed by a varint (type 0), 8 bytes (type 1), a varint length and that many bytes
/// (type 2) or 4 bytes (type 5). Types 3 and 4 (groups) do not occur in ONNX.
struct ONNXWireIndex: Sendable {
    /// `GraphProto.node` entries (field 1) in file order.
    private(set) var nodes: [Range<Int>] = []
    /// `GraphProto.initializer` entries (field 5) in file order.
    private(set) var initializers: [Range<Int>] = []

    /// Walks `bytes` (a model that already decoded successfully). Returns nil if the walk
    /// finds a malformed field, which the decoder would have reported first.
    init?(_ bytes: UnsafeRawBufferPointer) {
        var model = Cursor(bytes: bytes, position: 0, end: bytes.count)
        while !model.atEnd {
            guard let (field, wireType) = model.readKey() else { return nil }
            if field == 7, wireType == 2 {
                guard let graph = model.readLengthDelimited() else { return nil }
                guard indexGraph(bytes, graph) else { return nil }
            } else if !model.skip(wireType) {
                return nil
            }
        }
    }

    private mutating func indexGraph(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
        var graph = Cursor(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        while !graph.atEnd {
            guard let (field, wireType) = graph.readKey() else { return false }
            if wireType == 2, field == 1 || field == 5 {
                guard let entry = graph.readLengthDelimited() else { return false }
                if field == 1 { nodes.append(entry) } else { initializers.append(entry) }
            } else if !graph.skip(wireType) {
                return false
            }
        }
        return true
    }

    /// A bounds-checked reader over `bytes[position..<end]`.
    private struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var position: Int
        let end: Int

        var atEnd: Bool { position >= end }

        mutating func readVarint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while position < end, shift < 64 {
                let byte = bytes[position]
                position += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        mutating func readKey() -> (field: UInt64, wireType: UInt64)? {
            guard let key = readVarint() else { return nil }
            return (key >> 3, key & 7)
        }

        mutating func readLengthDelimited() -> Range<Int>? {
            guard let length = readVarint(), length <= UInt64(end - position) else { return nil }
            let start = position
            position += Int(length)
            return start..<position
        }

        mutating func skip(_ wireType: UInt64) -> Bool {
            switch wireType {
            case 0: return readVarint() != nil
            case 1: return advance(8)
            case 2: return readLengthDelimited() != nil
            case 5: return advance(4)
            default: return false
            }
        }

        private mutating func advance(_ count: Int) -> Bool {
            guard end - position >= count else { return false }
            position += count
            return true
        }
    }
}
