extension OpDefinition {
    /// Passes its input on unchanged.
    public static let identity = passThrough(.identity, title: "identity", spelling: "identity", samples: [.identity], plain: true)
}
