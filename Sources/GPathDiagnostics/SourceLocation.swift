/// A position in an input file, 1-based, with the width of the range it marks.
///
/// Columns count characters (extended grapheme clusters), so carets line up under the text a
/// user sees, whatever its encoding width.
public struct SourceLocation: Hashable, Sendable, Comparable {
    /// The file name as the user gave it (never made absolute).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// How many characters the marked range spans (at least 1 when rendered).
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
    }

    /// A whole file without a position (binary inputs such as ONNX have no lines): line and
    /// column are 0 and ``description`` is just the file name.
    public init(file: String) {
        self.init(file: file, line: 0, column: 0, length: 0)
    }

    /// True for a location naming only a file (see ``init(file:)``).
    public var isWholeFile: Bool { line == 0 }

    /// `file:line:column`, the form editors and CI systems understand (`file` alone for a
    /// whole-file location).
    public var description: String { isWholeFile ? file : "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
