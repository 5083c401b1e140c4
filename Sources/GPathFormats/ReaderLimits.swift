/// How large a network the expanding readers (`.net`, YOLO model YAML) build before they stop
/// with an error at the place that asked for more (E209 / E217).
///
/// The product always reads with ``standard``. The fuzz harness reads with a smaller node
/// limit: under AddressSanitizer a legal expansion near a million nodes takes tens of seconds,
/// and the fuzzer looks for wrong answers and crashes, which small graphs show as well.
public struct ReaderLimits: Sendable, Equatable {
    /// Most nodes a file may expand to; also the most loop iterations and the largest
    /// `repeat` count of a `.net` file.
    public var maximumNodes: Int

    /// Limits with `maximumNodes` (1,000,000 by default: the product's limit).
    public init(maximumNodes: Int = 1_000_000) {
        self.maximumNodes = maximumNodes
    }

    /// The product's limits (docs/reliability.md): 1,000,000 nodes.
    public static let standard = ReaderLimits()
}
