import CGraphviz

/// Turns DOT text into SVG, PNG or PDF bytes in-process through libgvc/libcgraph — no `dot`
/// binary. Owns one Graphviz context (freed in `deinit`) and frees every graph, layout and
/// render buffer it creates before returning, on success and on failure alike.
///
/// Calls are serialised across all renderers by one process-wide lock, because Graphviz's
/// parser, error handler and plugin tables are process-global. A renderer is not `Sendable`:
/// create it on the thread that uses it.
///
/// Memory: this wrapper frees everything it creates (a 60-node plain graph renders 1,000 times
/// with a flat footprint after warm-up). Graphviz 2.42 itself (Debian 12) leaks about 52 KB per
/// layout of a graph with clusters and about 11 KB per graph with HTML-like labels, also with
/// a fresh context per render (`swift run -c release gpath-render-bench [--plain]
/// [--no-clusters] [--context-per-render]`); a long-running host rendering thousands of
/// clustered pictures grows accordingly.
public final class GraphvizRenderer {
    private let context: OpaquePointer

    /// Opens a Graphviz context with the installed plugins (layout `dot`; devices svg, cairo).
    public init() throws(RenderError) {
        let opened: OpaquePointer? = graphvizLock.withLock { _ in
            GraphvizMessages.begin()
            let context = gvContext()
            _ = GraphvizMessages.end()
            return context
        }
        guard let opened else { throw .unavailable("gvContext() returned nothing") }
        context = opened
    }

    deinit {
        let context = self.context
        graphvizLock.withLock { _ in _ = gvFreeContext(context) }
    }

    /// The result of one render: the picture and any warnings Graphviz printed on the way
    /// (e.g. cairo scaling down a bitmap that is too large).
    public struct Output: Sendable {
        public let bytes: [UInt8]
        public let warnings: [String]
    }

    /// Lays `dot` out with the `dot` engine and renders it as `format`.
    ///
    /// - Parameter dpi: resolution for bitmap formats (Graphviz's default is 96); ignored for
    ///   SVG and PDF, whose sizes are in points.
    /// - Throws: ``RenderError`` with Graphviz's message when the text does not parse, the
    ///   layout fails or the device cannot write.
    /// - Parameter layout: the Graphviz layout engine: `dot` for networks; `nop` for pictures
    ///   whose nodes carry pinned positions (`pos="x,y!"`, charts).
    public func render(dot: String, as format: RenderFormat, dpi: Int? = nil, layout: String = "dot") throws(RenderError) -> Output {
        let context = self.context
        let result: Result<Output, RenderError> = graphvizLock.withLock { _ in
            GraphvizMessages.begin()
            let outcome = Self.renderLocked(context: context, dot: dot, format: format, dpi: format.isBitmap ? dpi : nil, layout: layout)
            let messages = GraphvizMessages.end()
            switch outcome {
            case .success(let bytes):
                return .success(Output(bytes: bytes, warnings: messages))
            case .failure(let stage):
                let text = messages.isEmpty ? "no message" : messages.map(Self.droppingSeverity).joined(separator: "; ")
                return .failure(stage.error(text))
            }
        }
        return try result.get()
    }

    /// `Error: syntax error…` → `syntax error…` (the error's case already says it failed).
    private static func droppingSeverity(_ line: String) -> String {
        for prefix in ["Error: ", "Warning: "] where line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)) }
        return line
    }

    /// Which step failed.
    private enum Stage: Error {
        case parse, layout, render

        func error(_ message: String) -> RenderError {
            switch self {
            case .parse: .syntax(message)
            case .layout: .layout(message)
            case .render: .render(message)
            }
        }
    }

    /// Parse → layout → render → free, with ``graphvizLock`` held.
    private static func renderLocked(context: OpaquePointer, dot: String, format: RenderFormat, dpi: Int?, layout: String) -> Result<[UInt8], Stage> {
        guard let graph = dot.withCString({ agmemread($0) }) else { return .failure(.parse) }
        defer { _ = agclose(graph) }
        if let dpi { setAttribute(graph, "dpi", String(dpi)) }
        guard layout.withCString({ gvLayout(context, graph, $0) }) == 0 else { return .failure(.layout) }
        defer { _ = gvFreeLayout(context, graph) }
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        let status = format.graphvizName.withCString { gvRenderData(context, graph, $0, &buffer, &length) }
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer, length > 0 else { return .failure(.render) }
        return .success(Array(UnsafeRawBufferPointer(start: buffer, count: Int(length))))
    }

    private static func setAttribute(_ graph: UnsafeMutablePointer<Agraph_t>, _ name: String, _ value: String) {
        name.withCString { namePointer in
            value.withCString { valuePointer in
                "".withCString { defaultPointer in
                    _ = agsafeset(
                        UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: namePointer),
                        UnsafeMutablePointer(mutating: valuePointer), UnsafeMutablePointer(mutating: defaultPointer))
                }
            }
        }
    }
}
