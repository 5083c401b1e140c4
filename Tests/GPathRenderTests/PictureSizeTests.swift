import GPathRender
import Testing

/// The page size read off Graphviz's SVG root element.
struct PictureSizeTests {
    @Test("width and height in points, and pixels at 144 dpi")
    func parses() throws {
        let svg = Array("<?xml version=\"1.0\"?>\n<!-- Title: x -->\n<svg width=\"521pt\" height=\"1376pt\"\n viewBox=\"0 0 520.5 1376\">".utf8)
        let size = try #require(PictureSize(svg: svg))
        #expect(size == PictureSize(width: 521, height: 1376))
        #expect(size.longSide == 1376)
        let pixels = size.pixels(dpi: 144)
        #expect(pixels.width == 1042 && pixels.height == 2752)
    }

    @Test("no root element or no points: nil", arguments: ["<html></html>", "<svg width=\"10in\" height=\"2in\">", "<svg height=\"3pt\">"])
    func rejects(text: String) {
        #expect(PictureSize(svg: Array(text.utf8)) == nil)
    }
}
