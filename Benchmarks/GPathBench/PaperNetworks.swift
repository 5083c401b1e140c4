import GPathIR

/// The networks issue 3 names for the full analysis: ResNet-1001, DenseNet-264 and a
/// 300-module VoVNet, plus an ELAN-style stack for growth measurements.
enum PaperNetworks {
    /// Pre-activation bottleneck ResNet-1001 (CIFAR): 3 stages × 111 blocks × 3 convs, a 1×1
    /// projection on each stage's first block, stem and classifier: 1,001 weighted layers + 3.
    static func resnet1001() -> GraphBuilder {
        var b = GraphBuilder(name: "resnet1001")
        b.addNode("x", op: .input, channels: 3)
        b.addNode("stem", op: .layer(groups: 1), channels: 16)
        b.connect("x", to: "stem")
        var previous = "stem"
        for (stage, width) in [64, 128, 256].enumerated() {
            for block in 0..<111 {
                let prefix = "s\(stage).b\(block)"
                b.addNode("\(prefix).c1", op: .layer(groups: 1), channels: width / 4)
                b.addNode("\(prefix).c2", op: .layer(groups: 1), channels: width / 4)
                b.addNode("\(prefix).c3", op: .layer(groups: 1), channels: width)
                b.connect(previous, to: "\(prefix).c1")
                b.connect("\(prefix).c1", to: "\(prefix).c2")
                b.connect("\(prefix).c2", to: "\(prefix).c3")
                var shortcut = previous
                if block == 0 {
                    b.addNode("\(prefix).proj", op: .layer(groups: 1), channels: width)
                    b.connect(previous, to: "\(prefix).proj")
                    shortcut = "\(prefix).proj"
                }
                b.addNode("\(prefix).add", op: .add)
                b.connect("\(prefix).c3", to: "\(prefix).add")
                b.connect(shortcut, to: "\(prefix).add")
                previous = "\(prefix).add"
            }
        }
        b.addNode("fc", op: .layer(groups: 1), channels: 10)
        b.connect(previous, to: "fc")
        b.addNode("loss", op: .loss(.crossEntropy))
        b.connect("fc", to: "loss")
        return b
    }

    /// DenseNet-264 (growth 32, blocks 6-12-64-48, bottleneck 1×1 + 3×3, compression 0.5).
    static func densenet264() -> GraphBuilder {
        var b = GraphBuilder(name: "densenet264")
        b.addNode("x", op: .input, channels: 3)
        b.addNode("stem", op: .layer(groups: 1), channels: 64)
        b.connect("x", to: "stem")
        var previous = "stem"
        var channels = 64
        for (blockIndex, layers) in [6, 12, 64, 48].enumerated() {
            var members = [previous]
            for layer in 0..<layers {
                let prefix = "d\(blockIndex).l\(layer)"
                b.addNode("\(prefix).cat", op: .concat)
                for member in members { b.connect(member, to: "\(prefix).cat") }
                b.addNode("\(prefix).bottleneck", op: .layer(groups: 1), channels: 128)
                b.addNode("\(prefix).conv", op: .layer(groups: 1), channels: 32)
                b.connect("\(prefix).cat", to: "\(prefix).bottleneck")
                b.connect("\(prefix).bottleneck", to: "\(prefix).conv")
                members.append("\(prefix).conv")
                channels += 32
            }
            b.addNode("d\(blockIndex).out", op: .concat)
            for member in members { b.connect(member, to: "d\(blockIndex).out") }
            previous = "d\(blockIndex).out"
            if blockIndex < 3 {
                channels /= 2
                b.addNode("t\(blockIndex)", op: .layer(groups: 1), channels: channels)
                b.connect(previous, to: "t\(blockIndex)")
                previous = "t\(blockIndex)"
            }
        }
        b.addNode("fc", op: .layer(groups: 1), channels: 1000)
        b.connect(previous, to: "fc")
        b.addNode("loss", op: .loss(.crossEntropy))
        b.connect("fc", to: "loss")
        return b
    }

    /// VoVNet with `modules` OSA modules of three 3×3 convs, concat and a 1×1 transition each
    /// ("deep" layout of spec §6.5).
    static func vovnet(modules: Int) -> GraphBuilder {
        var b = GraphBuilder(name: "vovnet\(modules)")
        b.addNode("x", op: .input, channels: 3)
        b.addNode("stem", op: .layer(groups: 1), channels: 64)
        b.connect("x", to: "stem")
        var previous = "stem"
        for module in 0..<modules {
            let prefix = "m\(module)"
            var chain = previous
            var members = [previous]
            for conv in 1...3 {
                b.addNode("\(prefix).c\(conv)", op: .layer(groups: 1), channels: 32)
                b.connect(chain, to: "\(prefix).c\(conv)")
                chain = "\(prefix).c\(conv)"
                members.append(chain)
            }
            b.addNode("\(prefix).cat", op: .concat)
            for member in members { b.connect(member, to: "\(prefix).cat") }
            b.addNode("\(prefix).T", op: .layer(groups: 1), channels: 64)
            b.connect("\(prefix).cat", to: "\(prefix).T")
            previous = "\(prefix).T"
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(previous, to: "loss")
        return b
    }

    /// ELAN-style stages (split, two stacks of two convs, concat, transition) repeated until
    /// `layers` weighted layers. Each stage adds a transition to every earlier path, so the
    /// timestamp sets of early layers grow with depth and Σ|T| grows quadratically.
    static func elan(layers: Int) -> GraphBuilder {
        var b = GraphBuilder(name: "elan\(layers)")
        b.addNode("x", op: .input, channels: 64)
        var previous = "x"
        var made = 0
        var stage = 0
        while made < layers {
            let p = "e\(stage)"
            b.addNode("\(p).c1", op: .layer(groups: 1), channels: 32)
            b.connect(previous, to: "\(p).c1", sourceRange: ChannelRange(32, 64))
            b.addNode("\(p).c2", op: .layer(groups: 1), channels: 32)
            b.connect("\(p).c1", to: "\(p).c2")
            b.addNode("\(p).c3", op: .layer(groups: 1), channels: 32)
            b.connect("\(p).c2", to: "\(p).c3")
            b.addNode("\(p).c4", op: .layer(groups: 1), channels: 32)
            b.connect("\(p).c3", to: "\(p).c4")
            b.addNode("\(p).cat", op: .concat)
            b.connect(previous, to: "\(p).cat")
            b.connect("\(p).c2", to: "\(p).cat")
            b.connect("\(p).c4", to: "\(p).cat")
            b.addNode("\(p).T", op: .layer(groups: 1), channels: 64)
            b.connect("\(p).cat", to: "\(p).T")
            previous = "\(p).T"
            made += 5
            stage += 1
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect(previous, to: "loss")
        return b
    }

    /// `layers / 5` parallel ELAN-style blocks (two stacks of two convs and a transition) on one
    /// input, concatenated into the loss: bounded depth, so Σ|T| grows linearly with size and
    /// the full analysis's growth can be measured from 10^2 to 10^5 layers.
    static func wideELAN(layers: Int) -> GraphBuilder {
        var b = GraphBuilder(name: "wide\(layers)")
        b.addNode("x", op: .input, channels: 16)
        b.addNode("out", op: .concat)
        for block in 0..<max(1, layers / 5) {
            let p = "w\(block)"
            var previous = "x"
            for conv in 1...4 {
                b.addNode("\(p).c\(conv)", op: .layer(groups: 1), channels: 8)
                b.connect(previous, to: "\(p).c\(conv)")
                previous = "\(p).c\(conv)"
            }
            b.addNode("\(p).cat", op: .concat)
            b.connect("\(p).c2", to: "\(p).cat")
            b.connect("\(p).c4", to: "\(p).cat")
            b.addNode("\(p).T", op: .layer(groups: 1), channels: 8)
            b.connect("\(p).cat", to: "\(p).T")
            b.connect("\(p).T", to: "out")
        }
        b.addNode("loss", op: .loss(.generic))
        b.connect("out", to: "loss")
        return b
    }
}
