extension OpDefinition {
    /// Takes its edge's `src_slice` of the input and nothing else.
    public static let slice = passThrough(.slice, title: "slice", spelling: "slice", samples: [.slice], plain: true)
}
