extension OpDefinition {
    /// Zeroes a random fraction of values while training (scaling the rest); identity at
    /// inference.
    public static let dropout = passThrough(.dropout, title: "dropout", spelling: "dropout", samples: [.dropout], plain: true)
}
