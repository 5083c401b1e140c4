import GPathIR
import Foundation

extension ONNXNodeProto {
    /// The attribute called `name`, if present.
    func attribute(_ name: String) -> ONNXAttributeProto? {
        attribute.first { $0.name == name }
    }

    /// Integer attributes are clamped to ±2^31: above every size limit gpath checks
    /// (``Limits/maximumExtent``), and small enough that sums and products of a few of them
    /// cannot overflow before that check.
    static let attributeMagnitude = 1 << 31

    static func clamped(_ value: Int64) -> Int {
        Int(max(-Int64(attributeMagnitude), min(Int64(attributeMagnitude), value)))
    }

    /// An integer attribute (`i`), or `default`; clamped to ±``attributeMagnitude``.
    func int(_ name: String, default value: Int) -> Int {
        attribute(name).map { Self.clamped($0.i) } ?? value
    }

    /// An integer-list attribute (`ints`), or nil when absent; clamped to ±``attributeMagnitude``.
    func ints(_ name: String) -> [Int]? {
        attribute(name).map { $0.ints.map(Self.clamped) }
    }

    /// A float attribute (`f`), or `default`.
    func float(_ name: String, default value: Double) -> Double {
        attribute(name).map { Double($0.f) } ?? value
    }

    /// A float-list attribute (`floats`), or nil when absent.
    func floats(_ name: String) -> [Double]? {
        attribute(name).map { $0.floats.map(Double.init) }
    }

    /// A string attribute (`s`, UTF-8), or `default`.
    func string(_ name: String, default value: String) -> String {
        attribute(name).map { String(decoding: $0.s, as: UTF8.self) } ?? value
    }

    /// The input at `position`, or nil when absent or the empty name (an omitted optional input).
    func input(at position: Int) -> String? {
        position < input.count && !input[position].isEmpty ? input[position] : nil
    }

    /// The op type, qualified by its domain when not the default one (`com.microsoft.FusedConv`).
    var qualifiedOpType: String {
        domain.isEmpty || domain == "ai.onnx" ? opType : "\(domain).\(opType)"
    }
}

extension ONNXTensorValueProto {
    /// The elements as numbers, in row-major order, for the element types shape arithmetic
    /// meets (float, double, half, integers, bool); nil for other types, external data or a
    /// payload whose length does not match `dims`.
    var numbers: [Double]? {
        guard dataLocation != 1 else { return nil }
        let count = dims.reduce(1) { $0.saturatingMultiplied(by: Int(clamping: $1)) }
        let values: [Double]?
        switch dataType {
        case 1: values = hasRawData ? raw(Float.self) : floatData.map(Double.init)
        case 11: values = hasRawData ? raw(Double.self) : doubleData
        case 7: values = hasRawData ? raw(Int64.self) : int64Data.map(Double.init)
        case 6: values = hasRawData ? raw(Int32.self) : int32Data.map(Double.init)
        case 5: values = hasRawData ? raw(Int16.self) : int32Data.map(Double.init)
        case 3: values = hasRawData ? raw(Int8.self) : int32Data.map(Double.init)
        case 2, 9: values = hasRawData ? raw(UInt8.self) : int32Data.map(Double.init)
        case 4: values = hasRawData ? raw(UInt16.self) : int32Data.map(Double.init)
        case 12: values = hasRawData ? raw(UInt32.self) : nil
        case 10: values = hasRawData ? halfFloats() : int32Data.map { halfToDouble(UInt16(truncatingIfNeeded: $0)) }
        default: values = nil
        }
        guard let values, values.count == count else { return nil }
        return values
    }

    private func raw<T: BinaryInteger>(_ type: T.Type) -> [Double] {
        littleEndianElements(T.self).map { Double($0) }
    }

    private func raw<T: BinaryFloatingPoint>(_ type: T.Type) -> [Double] {
        littleEndianElements(T.self).map { Double($0) }
    }

    private func halfFloats() -> [Double] {
        littleEndianElements(UInt16.self).map(halfToDouble)
    }

    /// `raw_data` reinterpreted as little-endian `T`s (ONNX stores raw data little-endian).
    private func littleEndianElements<T>(_ type: T.Type) -> [T] {
        let stride = MemoryLayout<T>.size
        return rawData.withUnsafeBytes { buffer in
            (0..<buffer.count / stride).map { buffer.loadUnaligned(fromByteOffset: $0 * stride, as: T.self) }
        }
    }

    /// IEEE 754 binary16 → Double, without relying on `Float16` availability.
    private func halfToDouble(_ bits: UInt16) -> Double {
        let sign: Double = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Double(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * 0x1p-24
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Double(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
