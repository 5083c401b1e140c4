import GPathIR
import Testing

/// The op table: every ``OpKind`` has one ``OpDefinition`` whose pieces agree with each other.
/// Adding a kind without a definition does not compile (``OpKind/definition`` is an exhaustive
/// switch); a definition with a missing or inconsistent piece fails here.
struct OpRegistryTests {
    @Test("every kind's definition is its own, with samples of that kind", arguments: OpKind.allCases)
    func definition(kind: OpKind) {
        let definition = kind.definition
        #expect(definition.kind == kind)
        #expect(!definition.samples.isEmpty, "\(kind) has no sample ops")
        #expect(!definition.title.isEmpty)
        for op in definition.samples {
            #expect(op.kind == kind, "sample \(op) of \(kind) is a \(op.kind)")
        }
        #expect(!definition.spelling.isEmpty && !definition.spelling.contains(" "))
        if let plain = definition.plainOp {
            #expect(definition.samples == [plain], "an attribute-free kind has one op")
            #expect(plain.kindName == definition.spelling)
        }
    }

    @Test("every op has a spelling, an arity and a routing consistent with its family", arguments: OpKind.allCases)
    func consistent(kind: OpKind) {
        for op in kind.definition.samples {
            let definition = op.definition
            #expect(!op.kindName.isEmpty && !op.kindName.contains(" "), "\(kind): `\(op.kindName)`")
            switch op.family {
            case .weighted: #expect(op.isWeighted && definition.channels == .declared)
            case .merge: #expect(op.routing == .copy || op.routing == .divide)
            case .passThrough: #expect(op.routing == .pass && definition.arity == .one)
            case .barrier: #expect(op.routing == .stop && definition.arity == .one)
            case .objective: #expect(op.routing == .origin)
            case .source: #expect(op.routing == .sink && definition.arity == .none && definition.channels == .declared)
            }
            #expect(op.isWeighted == (op.family == .weighted))
            #expect((definition.arity == .none) == (op.family == .source))
        }
    }

    @Test("every op has a shape rule: a verified 3-node graph gets the rule's output map", arguments: OpKind.allCases)
    func shapeRule(kind: OpKind) throws {
        let spatial = Spatial(height: 6, width: 5)
        for op in kind.definition.samples {
            let definition = op.definition
            #expect(definition.attributeProblem(of: op) == nil, "\(op)")
            var b = GraphBuilder(name: "one")
            b.addNode("x", op: .input, channels: 4, spatial: spatial)
            var last = "x"
            if definition.arity != .none {
                b.addNode("op", op: op, channels: definition.channels == .declared ? 4 : nil)
                b.connect("x", to: "op")
                last = "op"
            }
            if op.family != .objective {
                b.addNode("loss", op: .loss(.crossEntropy))
                b.connect(last, to: "loss")
            }
            let (graph, diagnostics) = b.build()
            let built = try #require(graph, "\(op): \(diagnostics)")
            let node = try #require(built.nodes.first { $0.name == last })
            let expected = definition.arity == .none ? spatial : definition.outputSpatial(of: op, input: spatial)
            #expect(node.spatial == expected, "\(op)")
            #expect(node.channels == 4, "\(op)")
        }
    }

    @Test("every op has a cost: known and non-negative wherever the sizes are")
    func cost() {
        for kind in OpKind.allCases where kind != .layer {
            for op in kind.definition.samples {
                let input = CostInput(channels: 4, inputWidth: 4, inputSpatial: Spatial(height: 6, width: 5), outputSpatial: Spatial(height: 3, width: 3))
                let cost = op.definition.cost(of: op, input)
                #expect((cost.params ?? -1) >= 0 && (cost.macs ?? -1) >= 0, "\(op)")
                #expect(((cost.params ?? 0) > 0) == (op.isWeighted || kind == .normalization), "\(op)")
            }
        }
        #expect(OpDefinition.layer.cost(of: .layer(groups: 2), CostInput(channels: 4, inputWidth: 4, inputSpatial: nil, outputSpatial: nil)) == OpCost(params: nil, macs: nil))
    }

    @Test("grouped layers report their groups")
    func groups() {
        #expect(Op.layer(groups: 4).groups == 4)
        #expect(Op.convolution(Convolution(kernel: 3, groups: 8)).groups == 8)
        #expect(Op.add.groups == 1)
    }
}
