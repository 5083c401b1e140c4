extension OpDefinition {
    /// Nearest upsampling by an integer scale on both axes.
    public static let upsample = passThrough(
        .upsample, title: "upsampling", spelling: "upsample", samples: [.upsample(scale: 2), .upsample(scale: 3)],
        spatial: { op, input in
            guard case .passThrough(.upsample(let scale)) = op else { return input }
            return Spatial(height: input.height.saturatingMultiplied(by: scale), width: input.width.saturatingMultiplied(by: scale))
        },
        attributeProblem: { op in
            guard case .passThrough(.upsample(let scale)) = op, scale < 1 else { return nil }
            return "scale \(scale); it must be at least 1"
        })
}
