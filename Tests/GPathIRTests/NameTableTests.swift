import GPathIR
import GPathTestSupport
import Testing

/// ``NameTable`` against a dictionary: the same positions for every insert and lookup, through
/// the recent-name guesses, the hash probe and every growth of the slots.
struct NameTableTests {
    /// Checks one insert against the model and returns the position.
    @discardableResult
    private func insert(_ name: String, into table: inout NameTable, model: inout [String: Int], order: inout [String]) -> Int {
        let expected = model[name]
        let (position, inserted) = table.insert(name)
        #expect(inserted == (expected == nil), "\(name)")
        if let expected {
            #expect(position == expected, "\(name)")
        } else {
            #expect(position == order.count, "\(name)")
            model[name] = position
            order.append(name)
        }
        return position
    }

    @Test("seeded random names, repeated and new, give a dictionary's positions through many growths", arguments: [1, 2, 3] as [UInt64])
    func randomNames(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        var table = NameTable()
        var model: [String: Int] = [:]
        var order: [String] = []
        let alphabet = Array("ab.c0123_é")
        for step in 0..<30_000 {
            let name: String
            if !order.isEmpty, generator.next() % 3 == 0 {
                // An earlier name: one just seen (the guesses), or any.
                let back = generator.next() % 2 == 0 ? Int(generator.next() % 6) : Int(generator.next() % UInt64(order.count))
                name = order[max(0, order.count - 1 - back)]
            } else {
                let length = Int(generator.next() % 6)
                name = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) + "\(step % 97)"
            }
            insert(name, into: &table, model: &model, order: &order)
        }
        #expect(table.count == order.count)
        for (position, name) in order.enumerated() {
            #expect(table.name(at: position) == name)
            #expect(table.position(of: name) == position)
        }
        #expect(table.position(of: "never inserted") == nil)
    }

    @Test("names differing only in their bytes, looked up as edges list them, are told apart")
    func edgeOrder() {
        var table = NameTable()
        var model: [String: Int] = [:]
        var order: [String] = []
        // Same lengths side by side, so a guess that compared lengths alone would answer wrong.
        let nodes = (0..<2_000).map { "b\($0 / 10)\($0 % 10).x" }
        for node in nodes { insert(node, into: &table, model: &model, order: &order) }
        var generator = SeededGenerator(seed: 7)
        for index in 1..<nodes.count {
            // source, destination; now and then a skip back (a residual) or a name never declared.
            insert(nodes[index - 1], into: &table, model: &model, order: &order)
            insert(nodes[index], into: &table, model: &model, order: &order)
            if generator.next() % 4 == 0 { insert(nodes[max(0, index - 3)], into: &table, model: &model, order: &order) }
            if generator.next() % 50 == 0 { insert("missing\(index)", into: &table, model: &model, order: &order) }
        }
        #expect(table.count == order.count)
        for (position, name) in order.enumerated() { #expect(table.position(of: name) == position) }
    }
}
