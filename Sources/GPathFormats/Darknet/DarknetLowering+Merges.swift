import GPathDiagnostics
import GPathIR

/// The sections that combine the previous layer with earlier ones (`[shortcut]`, `[sam]`,
/// `[scale_channels]`) and YOLOR's `[implicit]` source.
extension DarknetLowering {
    /// `[shortcut] from=a,b,…`: the previous output plus each `from` on its leading channels
    /// (darknet adds `i < from.outputs`: a narrower `from` is PRN's partial residual, a wider one
    /// contributes its first channels). `[sam]` multiplies instead of adding; the IR lowers both
    /// to an element-wise merge, whose gradient routing (every output channel's gradient goes to
    /// the same channel of every input) is the same for a sum and a product.
    mutating func shortcut(_ index: Int, _ input: ImportedTensor, _ kind: DarknetKind, _ options: inout DarknetOptions) -> ImportedTensor? {
        let name = String(index)
        let at = options.section.location
        guard let found = references("from", of: index, &options), let activation = options.activation("linear") else { return nil }
        guard let sources = found else { return nil }
        if kind == .shortcut {
            let weights = options.string("weights_type", "none")
            guard ["none", "per_feature", "per_layer", "per_channel"].contains(weights) else {
                options.report(.invalidValue, "`weights_type` must be none, per_feature, per_layer or per_channel, not `\(weights)`", at: options.entry("weights_type")?.valueLocation ?? at)
                return nil
            }
            if weights != "none" {
                options.report(.unsupportedConstruct, "weighted shortcuts (`weights_type=\(weights)`) are not supported", at: options.entry("weights_type")?.keyLocation ?? at,
                               notes: ["their learnable fusion weights have no IR equivalent yet"])
                return nil
            }
            let normalization = options.string("weights_normalization", "none")
            guard ["none", "relu", "softmax"].contains(normalization) else {
                options.report(.invalidValue, "`weights_normalization` must be none, relu or softmax, not `\(normalization)`", at: options.entry("weights_normalization")?.valueLocation ?? at)
                return nil
            }
        }
        var edges = [ImportedEdge(input)]
        for (number, source) in sources.enumerated() {
            let resample = kind == .shortcut ? resampled : { tensors, source, spatial, name, at in tensors.broadcast(source, to: spatial, name: name, at: at) }
            guard let placed = resample(&tensors, source, input.spatial, "\(name).from\(number)", at) else {
                options.report(.channelMismatch, "`[\(options.section.name)]` adds layer \(source.name) (\(source.darknetDescription)) to the previous layer (\(input.darknetDescription)): spatial sizes differ",
                               at: options.entry("from")?.valueLocation ?? at, label: "spatial mismatch")
                return nil
            }
            if kind == .sam, source.channels != input.channels {
                options.report(.channelMismatch, "`[sam]` multiplies \(input.channels) channels by layer \(source.name)'s \(source.channels)", at: at)
                return nil
            }
            let width = min(placed.channels, input.channels)
            edges.append(ImportedEdge(placed, range: width == placed.channels ? nil : ChannelRange(0, width), destinationOffset: 0))
        }
        edges[0].destinationOffset = 0
        guard let activation else { return tensors.add(name, edges, channels: input.channels, at: at) }
        let sum = tensors.add("\(name).sum", edges, channels: input.channels, at: at)
        return tensors.passThrough(name, .activation(activation), ImportedEdge(sum), at: at)
    }

    /// A `[shortcut]` operand brought to the output's size as pjreddie's darknet adds it (its
    /// `resnet50.cfg` relies on this; AlexeyAB's asserts equal sizes): a map larger by an integer
    /// factor s on both axes is read every s-th position (a 1×1 max-pool of stride s, named
    /// `<i>.from<n>`), a smaller one adds into every s-th output position (lowered as a nearest
    /// upsample ×s: the same units exchange gradient; params and MACs are zero either way).
    private func resampled(_ tensors: inout TensorBuilder, _ source: ImportedTensor, to spatial: Spatial, name: String, at: SourceLocation?) -> ImportedTensor? {
        if let placed = tensors.broadcast(source, to: spatial, name: name, at: at) { return placed }
        let (from, to) = (source.spatial, spatial)
        if from.width > to.width {
            let stride = from.width / to.width
            guard stride == from.height / to.height, stride > 1,
                  Pooling(kernel: 1, stride: AxisPair(stride)).output(from) == to else { return nil }
            return tensors.passThrough(name, .maxPool(Pooling(kernel: 1, stride: AxisPair(stride))), ImportedEdge(source), at: at)
        }
        let scale = to.width / max(1, from.width)
        guard scale > 1, from.width * scale == to.width, from.height * scale == to.height else { return nil }
        return tensors.passThrough(name, .upsample(scale: scale), ImportedEdge(source), at: at)
    }

    /// `[scale_channels] from=k`: layer k's feature map scaled per channel by the previous
    /// layer's 1×1×C vector (squeeze-and-excitation). Lowered as the vector broadcast over the
    /// map (`<i>.scale`) merged element-wise with it; the output has layer k's shape.
    mutating func scaleChannels(_ index: Int, _ input: ImportedTensor, _ options: inout DarknetOptions) -> ImportedTensor? {
        let name = String(index)
        let at = options.section.location
        guard let found = references("from", of: index, &options), let activation = options.activation("linear") else { return nil }
        guard let sources = found else { return nil }
        guard sources.count == 1, let map = sources.first else {
            options.report(.wrongArity, "`[scale_channels]` takes one `from` layer", at: options.entry("from")?.valueLocation ?? at)
            return nil
        }
        guard input.channels == map.channels,
              let scale = tensors.broadcast(input, to: map.spatial, name: "\(name).scale", at: at) else {
            options.report(.channelMismatch, "`[scale_channels]` scales layer \(map.name) (\(map.darknetDescription)) by the previous layer (\(input.darknetDescription))",
                           at: at, notes: ["the previous layer must be a 1 x 1 x \(map.channels) vector"])
            return nil
        }
        let edges = [ImportedEdge(map, destinationOffset: 0), ImportedEdge(scale, destinationOffset: 0)]
        guard let activation else { return tensors.add(name, edges, channels: map.channels, at: at) }
        let product = tensors.add("\(name).mul", edges, channels: map.channels, at: at)
        return tensors.passThrough(name, .activation(activation), ImportedEdge(product), at: at)
    }

    /// `[implicit] filters=C`: YOLOR's learnable 1×1×C tensor, a layer with no input. Lowered
    /// exactly as a bias-free 1×1 convolution of a constant one (`<i>.one`, a 1×1×1 input):
    /// C trainable parameters, and a weighted step on every gradient path through it.
    mutating func implicit(_ name: String, _ options: inout DarknetOptions) -> ImportedTensor? {
        let at = options.section.location
        guard let filters = options.int("filters", 128, atLeast: 1), let atoms = options.int("atoms", 1, atLeast: 1) else { return nil }
        guard atoms == 1 else {
            options.report(.unsupportedConstruct, "`[implicit]` with `atoms=\(atoms)` is not supported", at: options.entry("atoms")?.keyLocation ?? at)
            return nil
        }
        let one = tensors.input("\(name).one", channels: 1, spatial: Spatial(height: 1, width: 1), at: at)
        return tensors.convolution(name, [ImportedEdge(one)], filters: filters, Convolution(kernel: 1), at: at)
    }
}
