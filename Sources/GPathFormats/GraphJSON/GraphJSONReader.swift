import Foundation
import GPathDiagnostics
import GPathIR

/// Reads the graph JSON format (`docs/spec/graph-json.md`) into the IR.
///
/// Foundation's parser does the JSON; positions, which it does not report, come from a scan of
/// the text for each node's `"id"` and each edge's `"src"` so diagnostics can point at them.
public enum GraphJSONReader {
    /// Parses and verifies `file`. Returns the graph, or nil with every problem found.
    public static func read(_ file: SourceFile) -> (graph: Graph?, diagnostics: [Diagnostic]) {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: Data(file.text.utf8))
        } catch {
            return (nil, [syntaxDiagnostic(for: error, in: file)])
        }
        guard let object = root.object else {
            return (nil, [Diagnostic(.invalidField, "a graph must be a JSON object", at: file.location(ofOffset: 0))])
        }
        var reader = Reader(file: file, positions: JSONPositions(file: file))
        return reader.read(object)
    }

    private static func syntaxDiagnostic(for error: Error, in file: SourceFile) -> Diagnostic {
        var text = "\(error)"
        if case DecodingError.dataCorrupted(let context) = error {
            text = context.debugDescription
            if let underlying = context.underlyingError {
                text = (underlying as NSError).userInfo["NSDebugDescription"] as? String ?? text
            }
        }
        // JSONDecoder does not say where; Foundation's untyped parser reports a character offset.
        do {
            _ = try JSONSerialization.jsonObject(with: Data(file.text.utf8), options: [.fragmentsAllowed])
        } catch {
            text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? text
        }
        var location = file.location(ofOffset: 0)
        if let match = text.firstMatch(of: /line (\d+), column (\d+)/),
           let line = Int(match.1), let column = Int(match.2) {
            location = SourceLocation(file: file.name, line: line, column: max(1, column))
        } else if let match = text.firstMatch(of: /character (\d+)/), let offset = Int(match.1) {
            location = file.location(ofOffset: offset)
            text = text.replacingOccurrences(of: " around character \(offset)", with: "")
        }
        return Diagnostic(.malformedJSON, "malformed JSON: \(text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". ")))", at: location)
    }
}

/// Byte offsets of `"id": "…"` values (by name) and of every `"src"` key (in file order).
struct JSONPositions {
    let file: SourceFile
    var idOffsets: [String: Int] = [:]
    var sourceOffsets: [Int] = []

    init(file: SourceFile) {
        self.file = file
        let bytes = file.bytes
        var index = 0
        var keyStart: Int?
        var lastString: (start: Int, value: String)?
        var expectingValueOf: String?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let start = index
                index += 1
                var value: [UInt8] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < bytes.count { value.append(bytes[index]) }
                    index += 1
                }
                let string = String(decoding: value, as: UTF8.self)
                if let key = expectingValueOf {
                    if key == "id", idOffsets[string] == nil { idOffsets[string] = start }
                    expectingValueOf = nil
                } else {
                    lastString = (start, string)
                    keyStart = start
                }
            } else if byte == UInt8(ascii: ":"), let last = lastString, keyStart == last.start {
                if last.value == "src" { sourceOffsets.append(last.start) }
                expectingValueOf = last.value
                lastString = nil
            } else if !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")) {
                expectingValueOf = nil
                lastString = nil
            }
            index += 1
        }
    }

    func node(_ name: String) -> SourceLocation? {
        idOffsets[name].map { file.location(ofOffset: $0, byteLength: name.utf8.count + 2) }
    }

    func edge(_ index: Int) -> SourceLocation? {
        index < sourceOffsets.count ? file.location(ofOffset: sourceOffsets[index], byteLength: 5) : nil
    }
}
