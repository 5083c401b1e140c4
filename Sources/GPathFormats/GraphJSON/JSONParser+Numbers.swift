extension JSONParser {
    /// The number literal at ``offset`` (RFC 8259: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`).
    ///
    /// Integers that fit `Int` are `.integer`, as Foundation's `JSONDecoder` made them:
    /// - a literal whose exact value is an integer in `Int`'s range: `7`, `-0`, `1.0`, `1e3`,
    ///   `-9223372036854775808`, `12345678901234567.0`;
    /// - a literal whose nearest `Double` is an integer of magnitude below 2^53:
    ///   `1.0000000000000001` is 1, `1e-400` is 0.
    ///
    /// Every other number is `.number` with the nearest `Double` (`1.5`, `1e20`,
    /// `9223372036854775808`); one beyond `Double`'s range (`1e309`) is an error, as it was.
    /// One deliberate difference: `JSONDecoder` truncated a non-integer of magnitude ≥ 2^53
    /// whose digits fit in 64 bits (`1234567890123456789.5` → 1234567890123456789); here it
    /// stays a number.
    mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = offset
        let isNegative = current == .minus
        if isNegative { offset += 1 }
        let integerDigits = offset
        if current == .zero {
            offset += 1
            if isDigit(current) { throw JSONSyntaxError(at: integerDigits, "a number cannot start with `0` followed by digits") }
        } else if isDigit(current) {
            skipDigits()
        } else {
            throw unexpected("a digit after `-`")
        }
        let integerEnd = offset
        var fractionDigits = offset
        if current == .dot {
            offset += 1
            guard isDigit(current) else { throw unexpected("a digit after the decimal point") }
            fractionDigits = offset
            skipDigits()
        }
        let fractionEnd = offset
        var exponent = 0
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            let isNegativeExponent = current == .minus
            if current == .minus || current == .plus { offset += 1 }
            guard isDigit(current) else { throw unexpected("a digit in the exponent") }
            while isDigit(current) {
                // Saturates far beyond any text's length, so the exact check below stays exact.
                exponent = min(exponent * 10 + Int(current - .zero), 1 << 40)
                offset += 1
            }
            if isNegativeExponent { exponent = -exponent }
        }
        if offset == integerEnd, integerEnd - integerDigits <= 18 {
            var value = 0  // no fraction, no exponent, at most 18 digits: fits
            for index in integerDigits..<integerEnd { value = value * 10 + Int(bytes[index] - .zero) }
            return .integer(isNegative ? -value : value)
        }
        let digits = Digits(bytes: bytes, integer: integerDigits..<integerEnd, fraction: fractionDigits..<fractionEnd)
        if let exact = digits.exactInteger(isNegative: isNegative, exponent: exponent) { return .integer(exact) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw JSONSyntaxError(at: start, "number `\(text)` is beyond the range of a 64-bit float (±1.8e308)")
        }
        if double.magnitude < 0x1p53, double.rounded(.towardZero) == double { return .integer(Int(double)) }
        return .number(double)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= .zero && byte <= .nine }

    private mutating func skipDigits() {
        while offset < bytes.count, isDigit(bytes[offset]) { offset += 1 }
    }

    /// The decimal digits of a number literal: integer part then fraction, read as one
    /// significand.
    private struct Digits {
        let bytes: UnsafeBufferPointer<UInt8>
        let integer: Range<Int>
        let fraction: Range<Int>

        var count: Int { integer.count + fraction.count }

        func digit(_ index: Int) -> UInt64 {
            let byte = index < integer.count ? bytes[integer.lowerBound + index] : bytes[fraction.lowerBound + index - integer.count]
            return UInt64(byte - .zero)
        }

        /// significand × 10^(exponent − fraction digits) when that is an integer in `Int`'s range.
        func exactInteger(isNegative: Bool, exponent: Int) -> Int? {
            var end = count
            var scale = exponent - fraction.count
            while scale < 0, end > 0, digit(end - 1) == 0 {
                end -= 1
                scale += 1
            }
            var first = 0
            while first < end, digit(first) == 0 { first += 1 }
            if first == end { return 0 }
            guard scale >= 0, end - first + scale <= 19 else { return nil }
            var magnitude: UInt64 = 0
            for index in first..<end { magnitude = magnitude * 10 + digit(index) }
            for _ in 0..<scale {
                let (product, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                guard !overflow else { return nil }
                magnitude = product
            }
            if isNegative {
                guard magnitude <= UInt64(Int.max) + 1 else { return nil }
                return Int(truncatingIfNeeded: 0 &- magnitude)
            }
            return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
        }
    }
}
