/// A position in an input file, 1-based, with the width of the range it marks.
///
/// Columns count characters (extended grapheme clusters), so carets line up under the text a
/// user sees, whatever its encoding width. Stored as four 32-bit integers (the file by its
/// number in ``FileNames``), so locations cost nothing to copy.
public struct SourceLocation: Hashable, Sendable, Comparable {
    /// The file's number in ``FileNames``.
    public let fileNumber: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32
    private var storedLength: UInt32

    /// The file name as the user gave it (never made absolute).
    public var file: String { FileNames.name(of: fileNumber) }
    /// 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }
    /// 1-based column, in characters.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }
    /// How many characters the marked range spans (at least 1 when rendered).
    public var length: Int {
        get { Int(storedLength) }
        set { storedLength = UInt32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.init(fileNumber: FileNames.number(of: file), line: line, column: column, length: length)
    }

    /// A location in the file numbered `fileNumber` (see ``FileNames/number(of:)``): what a
    /// reader that makes a location per node uses, without looking the name up each time.
    public init(fileNumber: UInt32, line: Int, column: Int, length: Int = 1) {
        self.fileNumber = fileNumber
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
        self.storedLength = UInt32(clamping: length)
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
        if a.fileNumber == b.fileNumber { return (a.line, a.column) < (b.line, b.column) }
        return (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}
