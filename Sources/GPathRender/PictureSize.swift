/// The page size of a rendered picture, in points (1/72 inch), as Graphviz writes it on an
/// SVG's root element: `<svg width="521pt" height="1376pt" …>`.
public struct PictureSize: Sendable, Equatable {
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Reads the root element's `width` and `height`; nil when either is missing or not in
    /// points.
    public init?(svg: [UInt8]) {
        let text = Array(svg.prefix(4096))
        guard let root = Self.find(Array("<svg".utf8), in: text[...]) else { return nil }
        let element = text[root...].prefix { $0 != UInt8(ascii: ">") }
        func points(_ attribute: String) -> Double? {
            guard let start = Self.find(Array(" \(attribute)=\"".utf8), in: element) else { return nil }
            let value = element[start...].prefix { $0 != UInt8(ascii: "\"") }
            guard value.count > 2, value.suffix(2).elementsEqual("pt".utf8) else { return nil }
            return Double(String(decoding: value.dropLast(2), as: UTF8.self))
        }
        guard let width = points("width"), let height = points("height") else { return nil }
        self.init(width: width, height: height)
    }

    /// The index just past the first occurrence of `needle` in `haystack`.
    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    /// The longer side, in points.
    public var longSide: Double { max(width, height) }

    /// Width and height in pixels at `dpi`, rounded as Graphviz's cairo device sizes bitmaps.
    public func pixels(dpi: Int) -> (width: Int, height: Int) {
        let scale = Double(dpi) / 72
        return (Int((width * scale).rounded()), Int((height * scale).rounded()))
    }
}
