import Foundation
import ShopMineData
import ShopMineSources

extension VerbSpec {
  /// `load "data/ratings.csv" sep ";" header true types user_id = string`: reads a CSV file;
  /// `load model "models/orders.als"` reads a saved model.
  static let load = VerbSpec(
    "load", summary: "read a CSV, JSON or Parquet file, or many, into a table (or a saved model: load model \"path\")",
    subject: .none,
    positionals: [
      ParameterSpec("model", .word(["model"]), optional: true, "read a model saved with 'save'"),
      ParameterSpec("sql", .word(["sql"]), optional: true, "a query of a database: load sql \"select …\" from db"),
      ParameterSpec("path", .value, "the file to read; `*`, `?` and `[…]` read every matching file"),
    ],
    options: [
      ParameterSpec("from", .value, "with 'sql': the connection the query runs in"),
      ParameterSpec("sep", .value, "field separator: \",\", \";\", \"tab\"…"),
      ParameterSpec("header", .value, "whether the first line names the columns (true)"),
      ParameterSpec("types", .assignments, "column types: NAME = int|float|bool|string|timestamp"),
      ParameterSpec(
        "na", .value,
        "the texts read as missing besides the empty field, as a list (default pandas' set: NA, N/A, NULL, NaN, #N/A, …)"
      ),
      ParameterSpec("decimal", .value, "the decimal mark of numbers: \".\" or \",\" (European exports)"),
      ParameterSpec.integer("skip", default: 0, in: 0...100_000_000, "lines above the header to skip"),
      ParameterSpec("comment", .value, "a character that starts a comment to the end of the line, such as \"#\""),
      ParameterSpec(
        "dates", .value, "the format of date columns, strftime-style: \"%d/%m/%Y %H:%M\" (ISO-8601 is always read)"),
      ParameterSpec("tz", .value, "the time zone of times written without an offset, such as \"Europe/Berlin\" (UTC)"),
      ParameterSpec(
        "encoding", .value,
        "the file's encoding: \"utf-8\" (default), \"utf-16\", \"gb18030\", \"gbk\", \"latin-1\", \"cp1252\""),
    ],
    // The file is read into memory before it becomes a table.
    memoryEstimate: { call, evaluator throws(Diagnostic) in
      guard call.arguments["model"] == nil, let e = evaluator.cheapExpression(call, "path"),
        case .scalar(.string(let path)) = try evaluator.evaluate(e),
        let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let size = (attributes[.size] as? NSNumber)?.doubleValue
      else { return nil }
      return (size, "loading \(ValueFormatter.quoted(path))")
    },
    evaluate: { inv throws(Diagnostic) in
      if inv.has("sql") { return try DatabaseIO.load(inv) }
      guard let path = try inv.string("path") else { throw inv.error("'load' needs a file path") }
      if inv.has("model") { return try inv.data { () throws(TableError) in try ModelFiles.load(path) } }
      let format = DataFiles.format(of: path)
      if format != .csv {
        let kind = format == .json ? "JSON" : "Parquet"
        for name in ["sep", "header", "types", "na", "decimal", "skip", "comment", "dates", "tz", "encoding"]
        where inv.argument(name) != nil {
          throw inv.error(at: name, "'\(name)' is an option for CSV files; \(ValueFormatter.quoted(path)) is \(kind)")
        }
      }
      if format == .parquet, !DataFiles.isPattern(path) {
        // Read when a statement uses it, and then only the columns it uses.
        return .object(try inv.data { () throws(TableError) in try ParquetScan(path: path) })
      }
      var options = CSVReadOptions()
      if let sep = try inv.string("sep") {
        guard let byte = CSVReadOptions.separator(sep) else {
          throw inv.error(
            at: "sep", "unsupported separator \(ValueFormatter.quoted(sep))",
            suggestions: ["use a single ASCII character such as \",\" or \";\", or \"tab\""])
        }
        options.separator = byte
      }
      if let header = try inv.value("header") {
        guard case .scalar(.bool(let b)) = header else {
          throw inv.error(at: "header", "'header' must be true or false")
        }
        options.header = b
      }
      if case .assignments(let list)? = inv.argument("types")?.value {
        for a in list {
          guard let typeName = a.expr.nameValue, let type = ColumnType(rawValue: typeName) else {
            throw Diagnostic(
              "unknown column type", at: a.expr.span, name: "TypeError",
              notes: ["types: int, float, bool, string, timestamp"])
          }
          options.types[a.name] = type
        }
      }
      if let na = try inv.value("na") {
        guard let items = na.elements else {
          throw inv.error(at: "na", "'na' needs a list of texts such as [\"NA\", \"-\"], not \(na.describeForError)")
        }
        var texts: [String] = []
        for item in items {
          guard case .scalar(.string(let text)) = item else {
            throw inv.error(at: "na", "'na' lists texts (in quotes), not \(item.describeForError)")
          }
          texts.append(text)
        }
        options.missing = MissingMarkers(texts)
      }
      if let decimal = try inv.string("decimal") {
        guard decimal == "." || decimal == "," else {
          throw inv.error(at: "decimal", "the decimal mark is \".\" or \",\", not \(ValueFormatter.quoted(decimal))")
        }
        options.decimal = UInt8(ascii: decimal == "," ? "," : ".")
        // R's read.csv2 convention: a decimal comma comes with ";" between fields.
        if decimal == ",", inv.argument("sep") == nil { options.separator = UInt8(ascii: ";") }
        guard options.decimal != options.separator else {
          throw inv.error(
            at: "decimal", "the decimal mark cannot also be the field separator",
            suggestions: ["with decimal \",\" the separator is usually \";\": sep \";\" decimal \",\""])
        }
      }
      options.skipLines = try inv.integer("skip")
      if let comment = try inv.string("comment") {
        let bytes = Array(comment.utf8)
        guard bytes.count == 1, bytes[0] < 128, bytes[0] != options.separator, bytes[0] != UInt8(ascii: "\""),
          bytes[0] != UInt8(ascii: "\n")
        else {
          throw inv.error(
            at: "comment", "a comment starts with one ASCII character other than the separator, such as \"#\"")
        }
        options.comment = bytes[0]
      }
      try VerbSpec.readTimeOptions(inv, into: &options)
      let cancellation = inv.cancellation
      // A bar appears only when reading takes longer than half a second (see ProgressReporter).
      let progress = inv.progress(label: "load")
      // The reader counts bytes; people read megabytes ("load ████░░░░░░ 41% 21/51 MB").
      let report = progress.callback
      let megabytes: ProgressCallback = { done, total, _ in
        let totalMB = max(1, (total + 999_999) / 1_000_000)
        report(min(totalMB, done / 1_000_000), totalMB, "MB")
      }
      do throws(Diagnostic) {
        let table = try inv.data { () throws(TableError) in
          try DataFiles.read(path, csv: options, cancellation: cancellation, progress: megabytes)
        }
        let rows = table.rowCount == 1 ? "1 row" : "\(ProgressReporter.grouped(table.rowCount)) rows"
        progress.finish(note: rows)
        return .table(table)
      } catch {
        progress.stop(reason: error.name == "KeyboardInterrupt" ? "interrupted" : "failed")
        throw error
      }
    })

  /// `save big to "out/big.csv"`: writes a table as CSV (or Parquet for a `.parquet` name).
  static let save = VerbSpec(
    "save", summary: "write a table to a CSV or Parquet file (by its name), or to a database table",
    options: [
      ParameterSpec("to", .valueOrTagged(["table"], .column), "the file to write, or table NAME in a database"),
      ParameterSpec("sep", .value, "field separator"),
      ParameterSpec("in", .value, "with 'to table': the connection"),
      ParameterSpec(
        "mode", .word(WriteMode.allCases.map(\.rawValue)),
        "with 'to table': create (default; the table must be new), replace or append"),
      ParameterSpec(
        "codec", .word(ParquetCodec.allCases.map(\.word)),
        "Parquet: how pages are compressed (default \(ParquetWriteOptions().codec.word), as pyarrow)"),
      ParameterSpec.integer(
        "row_group", default: ParquetWriteOptions().rowGroupRows, in: 1...Int.max, "Parquet: rows per row group"),
      ParameterSpec(
        "dictionary", .word(["on", "off"]),
        "Parquet: dictionary-encode string columns (default \(ParquetWriteOptions().dictionary ? "on" : "off"))"),
    ],
    evaluate: { inv throws(Diagnostic) in
      if case .tagged(_, .expr(let name))? = inv.argument("to")?.value, let table = name.nameValue {
        try refuseParquetOptions(inv, for: "a database table")
        return try DatabaseIO.save(inv, table: table)
      }
      if let persistent = inv.subject((any PersistentObject).self) {
        try refuseParquetOptions(inv, for: "a model file")
        guard let path = try inv.string("to") else {
          throw inv.error("'save' needs a destination: save MODEL to \"models/name.model\"")
        }
        let line = try inv.data { () throws(TableError) in try persistent.save(to: path) }
        inv.sink.stream(.stdout, line + "\n")
        return .nothing
      }
      let table = try inv.table()
      guard let path = try inv.string("to") else {
        throw inv.error("'save' needs a destination: save TABLE to \"file.csv\"")
      }
      if DataFiles.format(of: path) == .parquet, inv.argument("sep") != nil {
        throw inv.error(at: "sep", "'sep' is an option for CSV files; \(ValueFormatter.quoted(path)) is Parquet")
      }
      if DataFiles.format(of: path) != .parquet {
        try refuseParquetOptions(inv, for: "the CSV file \(ValueFormatter.quoted(path))")
      }
      var options = CSVWriteOptions()
      if let sep = try inv.string("sep"), let byte = CSVReadOptions.separator(sep) { options.separator = byte }
      var parquet = ParquetWriteOptions()
      if let word = inv.word("codec"), let codec = ParquetCodec(word: word) { parquet.codec = codec }
      parquet.rowGroupRows = try inv.integer("row_group")
      if let word = inv.word("dictionary") { parquet.dictionary = word == "on" }
      let cancellation = inv.cancellation
      try inv.data { () throws(TableError) in
        try DataFiles.write(table, to: path, csv: options, parquet: parquet, cancellation: cancellation)
      }
      inv.sink.stream(.stdout, "saved \(table.rowCount) rows to \(path)\n")
      return .nothing
    })

  /// The options of `save` that only a Parquet file takes.
  private static let parquetOptions = ["codec", "row_group", "dictionary"]

  /// Throws when `inv` gives a Parquet option for a destination that is not a Parquet file.
  private static func refuseParquetOptions(_ inv: VerbInvocation, for destination: String) throws(Diagnostic) {
    guard let name = parquetOptions.first(where: inv.has) else { return }
    throw inv.error(
      at: name, "'\(name)' is an option for Parquet files (a name ending in .parquet or .parq), not \(destination)")
  }
}
