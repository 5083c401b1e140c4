/// The picture formats ``GraphvizRenderer`` produces, each through Graphviz's own device
/// plugins (core SVG, cairo PNG and PDF).
public enum RenderFormat: String, CaseIterable, Sendable {
    case svg
    case png
    case pdf

    /// The format an output file name asks for (`net.SVG` → `.svg`), or nil for any other
    /// extension.
    public init?(fileExtension path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// The Graphviz output format name passed to `gvRenderData`.
    var graphvizName: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        }
    }

    /// True for bitmap formats, where the resolution (dpi) sets the pixel size.
    public var isBitmap: Bool { self == .png }
}
