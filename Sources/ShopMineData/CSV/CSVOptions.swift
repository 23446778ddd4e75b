/// How to read a CSV file (the language's `load … sep … header … types …` options).
public struct CSVReadOptions: Sendable, Hashable {
  /// The field separator byte (ASCII), `,` by default.
  public var separator: UInt8
  /// Whether the first record holds column names; without one, columns are named `column1`, `column2`, ….
  public var header: Bool
  /// Types forced for some columns (by name); a value that does not fit is an error with its line.
  public var types: [String: ColumnType]
  /// Records examined to infer column types; a later value that does not fit widens the column.
  public var sampleRows: Int
  /// Worker count for parsing (`nil`: one per active core, only for files large enough to pay).
  public var threads: Int?
  /// Field texts read as missing (the empty field always; by default pandas' markers such as `NA`).
  public var missing: MissingMarkers
  /// The decimal mark of numbers (`.`; `,` for European exports, with another separator).
  public var decimal: UInt8 = UInt8(ascii: ".")
  /// Lines skipped at the start of the file, before the header (a title or notes above the data).
  public var skipLines = 0
  /// A byte that starts a comment: the rest of its line is ignored, and a line that starts with it is
  /// skipped (outside quoted fields, as pandas' `comment`).
  public var comment: UInt8?
  /// The `dates` format: a column whose every value follows it is read as timestamps (ahead of numbers,
  /// so `%Y%m%d` reads `20240305`); columns in ISO-8601 are still read as timestamps too.
  public var dateFormat: DateFormat?
  /// The zone of timestamps written without an offset (`tz`); `nil`: UTC. Written offsets are kept.
  public var timeZone: ZoneRules?
  /// The file's encoding; `nil`: UTF-8, or UTF-16 when the file starts with its byte order mark.
  public var encoding: TextEncoding?

  public init(
    separator: UInt8 = UInt8(ascii: ","), header: Bool = true, types: [String: ColumnType] = [:],
    sampleRows: Int = 1000, threads: Int? = nil, missing: MissingMarkers = .standard
  ) {
    self.missing = missing
    self.separator = separator
    self.header = header
    self.types = types
    self.sampleRows = sampleRows
    self.threads = threads
  }

  /// Options with the separator given as text (`","`, `";"`, `"\t"` or `"tab"`); `nil` if not one ASCII byte.
  public static func separator(_ text: String) -> UInt8? {
    if text == "tab" || text == "\\t" { return UInt8(ascii: "\t") }
    let bytes = Array(text.utf8)
    guard bytes.count == 1, bytes[0] < 128, bytes[0] != UInt8(ascii: "\""), bytes[0] != UInt8(ascii: "\n"),
      bytes[0] != UInt8(ascii: "\r")
    else { return nil }
    return bytes[0]
  }
}

/// How to write a CSV file.
public struct CSVWriteOptions: Sendable, Hashable {
  public var separator: UInt8
  public var header: Bool

  public init(separator: UInt8 = UInt8(ascii: ","), header: Bool = true) {
    self.separator = separator
    self.header = header
  }
}
