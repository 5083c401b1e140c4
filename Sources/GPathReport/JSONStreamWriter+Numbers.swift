/// Numbers of ``JSONStreamWriter``: integers formatted by hand, two digits per table lookup,
/// and unsigned integers of any width nineteen digits at a time.
extension JSONStreamWriter {
    /// `value` in decimal, after ``reserve(_:)`` of 20 bytes.
    @inline(__always)
    mutating func putInteger(_ value: Int) {
        // Most numbers of a report are below 100 (timestamps, steps, groups): no digit count.
        if value >= 0, value < 100 {
            if value < 10 { return put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value)) }
            let pairs = Self.digitPairs.utf8Start
            put(pairs[value * 2])
            return put(pairs[value * 2 + 1])
        }
        if value < 0 {
            put(UInt8(ascii: "-"))
            putDigits(UInt64(value.magnitude), width: 0)
        } else {
            putDigits(UInt64(value), width: 0)
        }
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (0: no padding).
    @inline(__always)
    mutating func putDigits(_ value: UInt64, width: Int) {
        let digits = Swift.max(Self.decimalDigits(value), width)
        var position = count + digits
        var rest = value
        let pairs = Self.digitPairs.utf8Start
        // Eight digits at a time while more than eight remain: the divisions inside a group
        // are independent, so the chain of dependent divisions is a quarter as long.
        while rest >= 100_000_000 {
            let group = UInt32(truncatingIfNeeded: rest % 100_000_000)
            rest /= 100_000_000
            position -= 8
            Self.putEightDigits(group, at: buffer + position, pairs: pairs)
        }
        while rest >= 100 {
            let pair = Int(rest % 100) * 2
            rest /= 100
            position -= 2
            buffer[position] = pairs[pair]
            buffer[position + 1] = pairs[pair + 1]
        }
        if rest >= 10 {
            position -= 2
            buffer[position] = pairs[Int(rest) * 2]
            buffer[position + 1] = pairs[Int(rest) * 2 + 1]
        } else {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(rest)
        }
        while position > count {
            position -= 1
            buffer[position] = UInt8(ascii: "0")
        }
        count += digits
    }

    /// `value` (below 10^8) as exactly eight digits at `target`, two digits per table lookup.
    @inline(__always)
    private static func putEightDigits(_ value: UInt32, at target: UnsafeMutablePointer<UInt8>, pairs: UnsafePointer<UInt8>) {
        let (high, low) = (Int(value / 10_000), Int(value % 10_000))
        let (a, b, c, d) = (high / 100 * 2, high % 100 * 2, low / 100 * 2, low % 100 * 2)
        target[0] = pairs[a]
        target[1] = pairs[a + 1]
        target[2] = pairs[b]
        target[3] = pairs[b + 1]
        target[4] = pairs[c]
        target[5] = pairs[c + 1]
        target[6] = pairs[d]
        target[7] = pairs[d + 1]
    }

    /// The number of decimal digits of `value` (1 for 0), by comparisons against constants
    /// (no table: a static table is a lazily initialised global, checked on every call).
    @inline(__always)
    static func decimalDigits(_ value: UInt64) -> Int {
        if value < 100_000_000 {
            if value < 10_000 {
                if value < 100 { return value < 10 ? 1 : 2 }
                return value < 1_000 ? 3 : 4
            }
            if value < 1_000_000 { return value < 100_000 ? 5 : 6 }
            return value < 10_000_000 ? 7 : 8
        }
        var digits = 8
        var rest = value / 100_000_000
        while rest >= 100 {
            rest /= 100
            digits += 2
        }
        return digits + (rest < 10 ? 1 : 2)
    }

    /// An unsigned integer of any width: one machine word directly; wider ones are divided by
    /// 10^19 repeatedly (one 128-by-64-bit division per word per chunk, O(words²)), the chunks
    /// then written most significant first, all but the first padded to 19 digits.
    mutating func putDecimal<T: UnsignedInteger>(_ value: T) {
        let words = value.words
        if words.count <= 1 {
            reserve(20)
            putDigits(UInt64(words.first ?? 0), width: 0)
            return
        }
        // Work on the reused buffers as locals (moved out and back, capacity kept).
        var number: [UInt] = []
        var parts: [UInt64] = []
        swap(&number, &scratch)
        swap(&parts, &chunks)
        defer {
            swap(&number, &scratch)
            swap(&parts, &chunks)
        }
        number.removeAll(keepingCapacity: true)
        number.append(contentsOf: words)
        parts.removeAll(keepingCapacity: true)
        var length = number.count
        while length > 0, number[length - 1] == 0 { length -= 1 }
        number.withUnsafeMutableBufferPointer { number in
            while length > 1 {
                var remainder: UInt = 0
                for index in stride(from: length - 1, through: 0, by: -1) {
                    (number[index], remainder) = DecimalChunkDivision.divide(high: remainder, low: number[index])
                }
                parts.append(UInt64(remainder))
                while length > 0, number[length - 1] == 0 { length -= 1 }
            }
            // The most significant part may have 20 digits.
            if length == 1 { parts.append(UInt64(number[0])) }
        }
        guard let leading = parts.last else {
            reserve(1)
            return put(UInt8(ascii: "0"))
        }
        reserve(20)
        putDigits(leading, width: 0)
        for part in parts.dropLast().reversed() {
            reserve(19)
            putDigits(part, width: 19)
        }
    }

    /// `[a, b, c]`. Compact, in one reservation, without the per-element separator logic of
    /// ``beginArray()``…``endArray()`` (which pretty output uses, for its line breaks).
    public mutating func array(_ a: Int, _ b: Int, _ c: Int) {
        guard !isPretty else {
            beginArray()
            value(a)
            value(b)
            value(c)
            return endArray()
        }
        element()
        reserve(64)  // three integers of at most 20 bytes, two commas, two brackets
        put(UInt8(ascii: "["))
        putInteger(a)
        put(UInt8(ascii: ","))
        putInteger(b)
        put(UInt8(ascii: ","))
        putInteger(c)
        put(UInt8(ascii: "]"))
    }

    /// `[t, …]`: the elements of `values` in order; compact output skips the per-element
    /// separator logic, as ``array(_:_:_:)`` does.
    public mutating func array(_ values: some Sequence<Int>) {
        guard !isPretty else {
            beginArray()
            for value in values { self.value(value) }
            return endArray()
        }
        element()
        reserve(1)
        put(UInt8(ascii: "["))
        var first = true
        for value in values {
            reserve(21)
            if !first { put(UInt8(ascii: ",")) }
            first = false
            putInteger(value)
        }
        reserve(1)
        put(UInt8(ascii: "]"))
    }

    /// The number whose base-10^18 limbs, least significant first, are `limbs` (leading zero
    /// limbs allowed; none: 0): the top limb as it is, every other one as eighteen digits.
    public mutating func value(decimalLimbs limbs: UnsafeBufferPointer<UInt64>) {
        element()
        var top = limbs.count - 1
        while top > 0, limbs[top] == 0 { top -= 1 }
        guard top >= 0 else {
            reserve(1)
            return put(UInt8(ascii: "0"))
        }
        reserve(20)  // a reservation is at most 64 bytes (the buffer may be that small)
        putDigits(limbs[top], width: 0)
        for limb in stride(from: top - 1, through: 0, by: -1) {
            reserve(18)
            putDigits(limbs[limb], width: 18)
        }
    }

    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
}
