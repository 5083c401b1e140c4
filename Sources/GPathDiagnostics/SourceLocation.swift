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

    /// `file:line:column`, the form editors and CI systems understand.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
