import Synchronization

/// The file names of this process, each stored once and known by a small number, so that a
/// ``SourceLocation`` is four plain integers: no reference to retain or release when a graph of
/// a million nodes copies its locations around.
///
/// Names are never forgotten; a process reads a handful of files.
public enum FileNames {
    private struct Table {
        var names: [String] = []
        var numbers: [String: UInt32] = [:]
        /// The name looked up last, answered without hashing (readers ask for one file's number
        /// once per node).
        var last: (name: String, number: UInt32)?
    }

    private static let table = Mutex(Table())

    /// The number of `name`, given to it the first time it is asked for.
    public static func number(of name: String) -> UInt32 {
        table.withLock { table in
            if let last = table.last, last.name == name { return last.number }
            let number: UInt32
            if let known = table.numbers[name] {
                number = known
            } else {
                number = UInt32(truncatingIfNeeded: table.names.count)
                table.names.append(name)
                table.numbers[name] = number
            }
            table.last = (name, number)
            return number
        }
    }

    /// The name numbered `number` (empty for a number never given out).
    public static func name(of number: UInt32) -> String {
        table.withLock { table in
            Int(number) < table.names.count ? table.names[Int(number)] : ""
        }
    }
}
