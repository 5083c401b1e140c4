import GPathDiagnostics
import GPathIR

/// A node output while an importer lowers a foreign file: its name, channels and spatial
/// size, known at lowering time so importers can check and derive shapes (route groups,
/// partial shortcuts, module widths) and report problems at the source line.
struct ImportedTensor: Hashable, Sendable {
    var name: String
    var channels: Int
    var spatial: Spatial

    /// `W x H x C`, darknet's spelling of a shape.
    var darknetDescription: String { "\(spatial.width) x \(spatial.height) x \(channels)" }
}

/// One incoming edge as an importer declares it: a tensor, optionally a channel slice of it.
struct ImportedEdge: Sendable {
    var tensor: ImportedTensor
    var range: ChannelRange?
    var destinationOffset: Int?

    init(_ tensor: ImportedTensor, range: ChannelRange? = nil, destinationOffset: Int? = nil) {
        self.tensor = tensor
        self.range = range
        self.destinationOffset = destinationOffset
    }

    /// Channels carried.
    var width: Int { range?.width ?? tensor.channels }
}
