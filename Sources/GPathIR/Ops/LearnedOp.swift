extension OpDefinition {
    /// A learned tensor (class token, positional embedding, YOLOR's ImplicitA): declared
    /// channels and map; gradient ends here, as at an input, but it is not one of the network's
    /// inputs. Trainable values: channels × height × width, or the entries of the table the
    /// values are gathered from (``LearnedTable``: Swin's relative-position bias).
    public static let learned = OpDefinition(
        kind: .learned, family: .learned, arity: .none, channels: .declared, title: "learned tensor",
        spelling: "learned", samples: [.learned(.dense), .learned(LearnedTable(entries: 4))],
        summary: { op in
            guard case .learned(let table) = op, let entries = table.entries else { return "learned" }
            return "learned (table of \(entries))"
        },
        routing: { _ in .sink },
        attributeProblem: { op in
            guard case .learned(let table) = op, let entries = table.entries, entries < 1 else { return nil }
            return "a learned tensor's table needs at least one entry, not \(entries)"
        },
        cost: { op, input in
            let values = input.channels.saturatingMultiplied(by: input.outputSpatial?.area ?? 1)
            guard case .learned(let table) = op, let entries = table.entries else { return OpCost(params: values, macs: 0) }
            return OpCost(params: min(entries, values), macs: 0)
        })
}
