#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `load "PATH"` for data files: the format from the name (`.json`, `.jsonl`, `.ndjson` are JSON records,
/// `.parquet` and `.parq` Parquet, anything else CSV; a `.gz` or `.zst` ending is looked through), gzip
/// and zstd read transparently, and a pattern with `*`, `?` or `[…]` reading every matching file in name
/// order into one table with a `file` column. `save` writes Parquet or CSV by the same rule.
public enum DataFiles {
  public enum Format: String, Sendable {
    case csv
    case json
    case parquet
  }

  /// The format of `path` by its name.
  public static func format(of path: String) -> Format {
    var name = path.lowercased()
    for suffix in [".gz", ".gzip", ".zst", ".zstd"] where name.hasSuffix(suffix) { name.removeLast(suffix.count) }
    for ext in [".json", ".jsonl", ".ndjson"] where name.hasSuffix(ext) { return .json }
    for ext in [".parquet", ".parq"] where name.hasSuffix(ext) { return .parquet }
    return .csv
  }

  /// Whether `path` is a pattern over several files.
  public static func isPattern(_ path: String) -> Bool {
    path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
  }

  /// The files matching `pattern`, in name order (directories left out).
  public static func matches(_ pattern: String) throws(TableError) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    let status = glob(pattern, 0, nil, &result)
    guard status == 0 else {
      if status == GLOB_NOMATCH { throw TableError(code: .io, message: "no file matches '\(pattern)'") }
      throw TableError(code: .io, message: "cannot list the files of '\(pattern)'")
    }
    var paths: [String] = []
    for k in 0..<Int(result.gl_pathc) {
      guard let p = result.gl_pathv[k] else { continue }
      let path = String(cString: p)
      var st = stat()
      if stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR { continue }
      paths.append(path)
    }
    guard !paths.isEmpty else { throw TableError(code: .io, message: "no file matches '\(pattern)'") }
    return paths.sorted()
  }

  /// The table in the file (or files) at `path`; CSV files read with `csv`.
  public static func read(
    _ path: String, csv: CSVReadOptions = CSVReadOptions(), cancellation: Cancellation = .none,
    progress: ProgressCallback? = nil
  ) throws(TableError) -> Table {
    guard isPattern(path) else { return try readOne(path, csv: csv, cancellation: cancellation, progress: progress) }
    var tables: [Table] = []
    for file in try matches(path) {
      let table = try readOne(file, csv: csv, cancellation: cancellation, progress: nil)
      let names = Column(name: "file", strings: [String?](repeating: file, count: table.rowCount))
      guard table.column(named: "file") == nil else {
        throw TableError(
          code: .duplicateColumn, message: "'\(file)' has a column named 'file', which names the source files here",
          column: "file")
      }
      tables.append(Table(uncheckedColumns: table.columns + [names], rowCount: table.rowCount))
    }
    return try Table.stacking(tables)
  }

  static func readOne(
    _ path: String, csv: CSVReadOptions, cancellation: Cancellation, progress: ProgressCallback?
  ) throws(TableError) -> Table {
    switch format(of: path) {
    case .json: return try JSONTableReader.read(path: path, cancellation: cancellation)
    case .parquet: return try ParquetReader.read(path: path, cancellation: cancellation)
    case .csv: return try CSVReader.read(path: path, options: csv, cancellation: cancellation, progress: progress)
    }
  }

  /// Writes `table` to `path`: Parquet written with `parquet` (by default pyarrow's defaults) for a
  /// `.parquet` or `.parq` name, CSV written with `csv` otherwise.
  public static func write(
    _ table: Table, to path: String, csv: CSVWriteOptions = CSVWriteOptions(),
    parquet: ParquetWriteOptions = ParquetWriteOptions(), cancellation: Cancellation = .none
  ) throws(TableError) {
    switch format(of: path) {
    case .parquet: try ParquetWriter.write(table, to: path, options: parquet, cancellation: cancellation)
    case .csv, .json: try CSVWriter.write(table, to: path, options: csv, cancellation: cancellation)
    }
  }
}

extension Table {
  /// The rows of every table in order. Columns are matched by name, in the order first seen; a table
  /// without a column is missing there; int and float mix to float, other mixes are an error naming
  /// the column.
  public static func stacking(_ tables: [Table]) throws(TableError) -> Table {
    var names: [String] = []
    var types: [String: ColumnType] = [:]
    for t in tables {
      for c in t.columns where types[c.name] == nil {
        names.append(c.name)
        types[c.name] = c.type
      }
    }
    var level = tables.map { t in
      Table(
        uncheckedColumns: names.map { name in
          t.column(named: name) ?? Column.missing(name: name, type: types[name] ?? .float, count: t.rowCount)
        }, rowCount: t.rowCount)
    }
    // Neighbours are joined pairwise, round by round: each row is copied about log₂(files) times, where
    // folding left would copy the growing result once per file (quadratic over a year of daily logs).
    while level.count > 1 {
      var next: [Table] = []
      for k in stride(from: 0, to: level.count, by: 2) {
        next.append(k + 1 < level.count ? try level[k].union(level[k + 1]) : level[k])
      }
      level = next
    }
    return level.first ?? .empty
  }
}

extension Column {
  /// A column of `count` missing values of `type`.
  public static func missing(name: String, type: ColumnType, count: Int) -> Column {
    let storage: ColumnStorage
    switch type {
    case .int: storage = .int([Int64](repeating: 0, count: count))
    case .float: storage = .float([Double](repeating: .nan, count: count))
    case .bool: storage = .bool([Bool](repeating: false, count: count))
    case .timestamp: storage = .timestamp([Int64](repeating: 0, count: count))
    case .string: storage = .string(codes: [Int32](repeating: 0, count: count), dictionary: [""])
    }
    return Column(name: name, storage: storage, validity: ValidityMask(count: count, allValid: false))
  }
}
