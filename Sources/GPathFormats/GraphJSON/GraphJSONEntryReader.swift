/// Receives the entries of a graph JSON file's `nodes` and `edges` arrays while
/// ``GraphJSONDocument/parse(_:into:)`` reads them, each with its index in its array: every
/// node, then the edges when `edges` follows `nodes` in the file (edges that come first wait in
/// ``GraphJSONDocument/deferredEdges``). `GraphJSONReader.Reader` declares them in a
/// `GraphBuilder`.
protocol GraphJSONEntryReader {
    /// Takes the `index`-th element of `nodes`.
    mutating func readNode(_ entry: GraphJSONDocument.Entry, index: Int)
    /// Takes the `index`-th element of `edges`.
    mutating func readEdge(_ entry: GraphJSONDocument.Entry, index: Int)
}
