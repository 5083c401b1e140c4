import GPathDiagnostics

extension GraphVerifier {
    /// Resolves one node's edges and infers its channels and spatial size from its (already
    /// inferred) inputs. Returns nil, with diagnostics, when the node is invalid.
    mutating func infer(
        _ index: Int, incoming: ArraySlice<ResolvedEdge>, shapes: [Operand?], edges: inout [Edge]
    ) -> Operand? {
        let declaration = builder.stored[index]
        let name = NodeName(table: builder.names, position: Int(declaration.name))
        var ok = true
        var position = incoming.startIndex
        // The operand list is kept between nodes (taken out of `self` while this node uses it).
        var sources = operandScratch
        operandScratch = []
        sources.removeAll(keepingCapacity: true)
        defer { operandScratch = sources }
        for resolved in incoming {
            guard let source = shapes[resolved.sourceIndex] else { return nil }
            let connection = builder.storedConnections[resolved.connection]
            let range = connection.sourceRange ?? ChannelRange(0, source.channels)
            if range.isEmpty || range.lower < 0 || range.upper > source.channels {
                let sourceName = nameOf(source)
                diagnostics.append(Diagnostic(
                    .sliceOutOfRange,
                    "slice \(range) of `\(sourceName)` into `\(name)` is \(range.isEmpty ? "empty" : "outside its \(source.channels) channels")",
                    at: connection.location ?? declaration.location, label: "bad slice",
                    notes: ["`\(sourceName)` has channels [0:\(source.channels)]"]))
                ok = false
                continue
            }
            var offset: Int?
            if let destinationRange = connection.destinationRange {
                if declaration.op.definition.channels != .placed {
                    diagnostics.append(Diagnostic(
                        .badDestinationSlice,
                        "destination slice on edge `\(nameOf(source))` -> `\(name)`, which is not an add",
                        at: connection.location ?? declaration.location,
                        notes: ["only adds place an input on a slice of their output"]))
                    ok = false
                } else if destinationRange.width != range.width || destinationRange.lower < 0 {
                    diagnostics.append(Diagnostic(
                        .badDestinationSlice,
                        "destination slice \(destinationRange) on edge `\(nameOf(source))` -> `\(name)` is \(destinationRange.width) wide but carries \(range.width) channels",
                        at: connection.location ?? declaration.location))
                    ok = false
                }
                offset = destinationRange.lower
            }
            sources.append(source)
            edges[position] = Edge(
                source: NodeID(source.index), sourceRange: range, destinationOffset: offset,
                stopsGradient: connection.stopsGradient, location: connection.location)
            position += 1
        }
        // A node that lost an edge to an earlier error gets its remaining edges checked, but
        // not its shape: that would only repeat the first error in other words.
        guard ok, !damaged[index] else { return nil }
        let row = edges[incoming.startIndex..<position]
        guard let (channels, spatial) = shape(of: declaration, name: name, edges: row, sources: sources),
              checkLimits(name: name.description, op: declaration.op, channels: channels, spatial: spatial, at: declaration.location)
        else { return nil }
        return Operand(index: index, channels: channels, spatial: spatial)
    }

    /// The declared name of an inferred node, for a message.
    func nameOf(_ operand: Operand) -> String { builder.nameOfDeclaration(operand.index) }

    private mutating func shape(
        of declaration: GraphBuilder.StoredDeclaration, name: NodeName, edges: ArraySlice<Edge>, sources: [Operand]
    ) -> (Int, Spatial?)? {
        let location = declaration.location
        if !checkedOps.contains(declaration.op) {
            if let problem = Self.attributeProblem(declaration.op) {
                diagnostics.append(Diagnostic(
                    .invalidValue, "\(declaration.op.kindName) `\(name)` has \(problem)", at: location))
                return nil
            }
            if let problem = Self.limitProblem(declaration.op) {
                diagnostics.append(Diagnostic(.sizeLimit, "\(declaration.op.kindName) `\(name)` has \(problem)", at: location))
                return nil
            }
            checkedOps.remember(declaration.op)
        }
        let width = edges.reduce(0) { $0.saturatingAdding($1.width) }
        func requireInputs() -> Bool {
            guard edges.isEmpty else { return true }
            diagnostics.append(Diagnostic(
                .missingInput, "`\(name)` (\(declaration.op.kindName)) has no input", at: location))
            return false
        }
        func requireChannels() -> Int? {
            guard let channels = declaration.channels, channels > 0 else {
                diagnostics.append(Diagnostic(
                    .missingChannels, "\(declaration.op.kindName) `\(name)` has no channel count",
                    at: location, helps: ["give it a positive `channels` value"]))
                return nil
            }
            return channels
        }
        func commonSpatial() -> Spatial?? {
            guard let first = sources.lazy.compactMap(\.spatial).first else { return .some(nil) }
            if let other = sources.lazy.compactMap(\.spatial).first(where: { $0 != first }) {
                diagnostics.append(Diagnostic(
                    .spatialMismatch,
                    "inputs of `\(name)` have different spatial sizes \(first) and \(other)",
                    at: location,
                    notes: sources.compactMap { source in source.spatial.map { "`\(nameOf(source))` is \($0)" } }))
                return nil
            }
            return .some(first)
        }
        let op = declaration.op
        let definition = op.definition
        switch (definition.channels, definition.arity) {
        case (.computed, _):
            return computedShape(declaration, name: name, edges: edges, sources: sources)
        case (_, .none):
            guard let channels = requireChannels() else { return nil }
            return (channels, declaration.spatial)
        case (.placed, _):
            return addShape(declaration, name: name, edges: edges, sources: sources, spatial: commonSpatial())
        case (.declared, _):
            guard let channels = requireChannels(), requireInputs(), checkGroups(op.groups, input: width, output: channels, name: name.description, location: location) else { return nil }
            guard let spatial = commonSpatial() else { return nil }
            let out = spatial.map { definition.outputSpatial(of: op, input: $0) }
            if let out, out.height < 1 || out.width < 1 {
                diagnostics.append(Diagnostic(
                    .channelMismatch, "\(definition.title) `\(name)` shrinks its \((spatial ?? nil).map { "\($0)" } ?? "") input to nothing",
                    at: location, notes: definition.windowNotes(of: op)))
                return nil
            }
            return (channels, out)
        case (.sumOfInputs(let checked), .one):
            guard checkSingleInput(declaration, name: name, edges: edges, width: width, checksDeclared: checked) else { return nil }
            return (width, sources.first?.spatial.map { definition.outputSpatial(of: op, input: $0) })
        case (.sumOfInputs(let checked), .oneOrMore), (.sumOfInputs(let checked), .two):
            guard requireInputs(), let spatial = commonSpatial() else { return nil }
            if checked, let declared = declaration.channels, declared != width {
                diagnostics.append(Diagnostic(
                    .concatWidth, "\(op.kindName) `\(name)` declares \(declared) channels but its inputs add up to \(width)",
                    at: location, notes: zip(sources, edges).map { "`\(nameOf($0))` gives \($1.width)" }))
                return nil
            }
            return (width, spatial.map { definition.outputSpatial(of: op, input: $0) })
        }
    }

    /// The shape of a ``OpDefinition/ChannelRule/computed`` op, from its definition's rule after
    /// its arity is checked; E315 when the operands do not fit together.
    private mutating func computedShape(_ declaration: GraphBuilder.StoredDeclaration, name: NodeName, edges: ArraySlice<Edge>, sources: [Operand]) -> (Int, Spatial?)? {
        let spatials = sources.map(\.spatial)
        let op = declaration.op
        let definition = op.definition
        let needed: Int? = switch definition.arity {
        case .one: 1
        case .two: 2
        case .none, .oneOrMore: nil
        }
        if let needed, edges.count != needed {
            diagnostics.append(Diagnostic(
                .passThroughArity, "\(op.kindName) `\(name)` needs exactly \(needed == 1 ? "one input" : "\(needed) inputs"), has \(edges.count)",
                at: declaration.location))
            return nil
        }
        if edges.isEmpty {
            diagnostics.append(Diagnostic(.missingInput, "`\(name)` (\(op.kindName)) has no input", at: declaration.location))
            return nil
        }
        let input = ShapeInput(widths: edges.map(\.width), spatials: spatials, declaredChannels: declaration.channels)
        switch definition.shape(of: op, input) {
        case .shape(let channels, let spatial):
            if let declared = declaration.channels, declared != channels {
                diagnostics.append(Diagnostic(
                    .operandShape, "\(definition.title) `\(name)` declares \(declared) channels but computes \(channels)",
                    at: declaration.location))
                return nil
            }
            if let spatial, spatial.height < 1 || spatial.width < 1 {
                diagnostics.append(Diagnostic(
                    .operandShape, "\(definition.title) `\(name)` would have an empty \(spatial) map", at: declaration.location))
                return nil
            }
            return (channels, spatial)
        case .problem(let problem):
            diagnostics.append(Diagnostic(
                .operandShape, "\(definition.title) `\(name)`: \(problem)", at: declaration.location,
                notes: zip(edges, sources).map { edge, source in
                    "`\(nameOf(source))`\(edge.width == source.channels ? "" : " \(edge.sourceRange)"): \(edge.width) channels\(source.spatial.map { " on a \($0) map" } ?? "")"
                }))
            return nil
        case nil:
            return nil
        }
    }

    /// Attribute values no shape arithmetic can use (they would divide by zero or shrink to
    /// nothing), described for the diagnostic; nil when the op's attributes are valid.
    static func attributeProblem(_ op: Op) -> String? {
        op.definition.attributeProblem(of: op)
    }

    private mutating func checkGroups(_ groups: Int, input: Int, output: Int, name: String, location: SourceLocation?) -> Bool {
        guard groups < 1 || input % groups != 0 || output % groups != 0 else { return true }
        diagnostics.append(Diagnostic(
            .groupsMismatch,
            "groups \(groups) of `\(name)` do not divide its \(input) input and \(output) output channels",
            at: location, helps: ["use a number of groups that divides both \(input) and \(output)"]))
        return false
    }

    private mutating func checkSingleInput(_ declaration: GraphBuilder.StoredDeclaration, name: NodeName, edges: ArraySlice<Edge>, width: Int, checksDeclared: Bool) -> Bool {
        if edges.count != 1 {
            diagnostics.append(Diagnostic(
                .passThroughArity, "\(declaration.op.kindName) `\(name)` needs exactly one input, has \(edges.count)",
                at: declaration.location))
            return false
        }
        if checksDeclared, let declared = declaration.channels, declared != width {
            diagnostics.append(Diagnostic(
                .passThroughArity, "\(declaration.op.kindName) `\(name)` declares \(declared) channels but receives \(width)",
                at: declaration.location))
            return false
        }
        return true
    }

    private mutating func addShape(
        _ declaration: GraphBuilder.StoredDeclaration, name: NodeName, edges: ArraySlice<Edge>, sources: [Operand], spatial: Spatial??
    ) -> (Int, Spatial?)? {
        guard let spatial else { return nil }
        guard !edges.isEmpty else {
            diagnostics.append(Diagnostic(.missingInput, "add `\(name)` has no input", at: declaration.location))
            return nil
        }
        let ranges = edges.map { ChannelRange($0.destinationOffset ?? 0, ($0.destinationOffset ?? 0) + $0.width) }
        let width = declaration.channels ?? ranges.map(\.upper).max() ?? 0
        var ok = true
        for (edge, range) in zip(edges, ranges) where range.upper > width {
            diagnostics.append(Diagnostic(
                .badDestinationSlice,
                "edge `\(nameOf(edge, sources: sources))` -> `\(name)` lands on \(range), outside the add's \(width) channels",
                at: edge.location ?? declaration.location))
            ok = false
        }
        guard ok else { return nil }
        let missing = ChannelSet(ranges).complement(in: ChannelRange(0, width))
        if !missing.isEmpty {
            diagnostics.append(Diagnostic(
                .uncoveredChannel,
                "add `\(name)` output channels \(missing) are covered by no input",
                at: declaration.location,
                notes: zip(edges, ranges).map { "`\(nameOf($0, sources: sources))` covers \($1)" }))
            return nil
        }
        return (width, spatial)
    }

    private func nameOf(_ edge: Edge, sources: [Operand]) -> String {
        sources.first { $0.index == edge.source.index }.map(nameOf) ?? "?"
    }
}

/// A node's name, read from the builder's table only when a message prints it.
struct NodeName: CustomStringConvertible {
    let table: NameTable
    let position: Int

    var description: String { table.name(at: position) }
}
