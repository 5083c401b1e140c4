/// Why Graphviz could not turn DOT text into a picture. Messages are Graphviz's own, joined and
/// trimmed, prefixed by the stage that failed.
public enum RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `agmemread` rejected the DOT text (or it held no graph).
    case syntax(String)
    /// `gvLayout` failed.
    case layout(String)
    /// The device plugin failed to write the picture.
    case render(String)
    /// Graphviz could not start (no plugin configuration: run `libgvc6-config-update -c`).
    case unavailable(String)

    public var description: String {
        switch self {
        case .syntax(let message): "graphviz could not read the DOT text: \(message)"
        case .layout(let message): "graphviz layout failed: \(message)"
        case .render(let message): "graphviz could not render the picture: \(message)"
        case .unavailable(let message): "graphviz is unavailable: \(message)"
        }
    }
}
