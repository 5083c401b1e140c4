/// Just enough protobuf encoding to write an ONNX model from the benchmark: varints, keys and
/// length-delimited fields (the benchmark writes its own file so it needs neither Python nor
/// the generated message types, which are internal to GPathFormats).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var out: [UInt8] = []
        while value >= 0x80 {
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(value))
        return out
    }

    mutating func int(_ field: UInt64, _ value: Int) {
        bytes += Self.varint(field << 3) + Self.varint(UInt64(bitPattern: Int64(value)))
    }

    mutating func string(_ field: UInt64, _ value: String) {
        message(field, Array(value.utf8))
    }

    mutating func message(_ field: UInt64, _ body: [UInt8]) {
        bytes += Self.varint(field << 3 | 2) + Self.varint(UInt64(body.count)) + body
    }

    mutating func message(_ field: UInt64, _ build: (inout ProtobufWriter) -> Void) {
        var inner = ProtobufWriter()
        build(&inner)
        message(field, inner.bytes)
    }

    /// The key and length of a length-delimited field whose body (of `length` bytes) the
    /// caller writes itself — used to stream weight payloads.
    static func header(_ field: UInt64, length: Int) -> [UInt8] {
        varint(field << 3 | 2) + varint(UInt64(length))
    }
}
