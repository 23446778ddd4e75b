import ShopMineData

extension VerbSpec {
  /// `train, test = split ratings test 0.2 seed 7 [stratify col] [by user_id [time ts last 1]]`.
  static let split = VerbSpec(
    "split", summary: "split rows into train and test tables",
    options: [
      ParameterSpec.number("test", default: 0.2, "the test fraction, in (0, 1)"),
      ParameterSpec.seed(),
      ParameterSpec("stratify", .column, "keep this column's class shares in both parts"),
      ParameterSpec("by", .column, "hold out a fraction of each group's rows (e.g. per user)"),
      ParameterSpec("time", .column, "with 'by': order each group by this column and hold out the last rows"),
      ParameterSpec("last", .value, "with 'time': how many rows per group to hold out"),
    ],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let fraction = try inv.number("test")
      guard fraction > 0, fraction < 1 else {
        throw inv.error(at: "test", "'test' must be a fraction between 0 and 1, not \(ValueFormatter.number(fraction))")
      }
      func column(_ name: String) throws(Diagnostic) -> String? {
        guard inv.has(name) else { return nil }
        let named = try inv.columns(name, in: table)
        return named.first
      }
      let options = SplitOptions(
        testFraction: fraction, seed: try inv.seed(), stratify: try column("stratify"),
        by: try column("by"), lastBy: try column("time"))
      let cancellation = inv.cancellation
      let (train, test) = try inv.data { () throws(TableError) in try table.split(options, cancellation: cancellation) }
      return .tuple([.table(train), .table(test)])
    })

  /// `sample 100 [rows] seed 1`: N random rows without replacement.
  static let sample = VerbSpec(
    "sample", summary: "draw random rows without replacement",
    positionals: [
      ParameterSpec.integer("n", in: 0...Int.max, "how many rows"),
      ParameterSpec("rows", .word(["rows"]), optional: true, ""),
    ],
    options: [ParameterSpec.seed()],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let n = try inv.int("n") ?? 0
      let seed = try inv.seed()
      return .table(try inv.data { () throws(TableError) in try table.sample(n, seed: seed) })
    })

  /// `bin spend bins 5 [method quantile] [as spend_bin]`.
  static let bin = VerbSpec(
    "bin", summary: "put a numeric column into equal-width or quantile bins",
    positionals: [ParameterSpec("column", .column, "the column to bin")],
    options: [
      ParameterSpec.integer("bins", default: 10, in: 1...100_000, "how many bins"),
      ParameterSpec("method", .word(["width", "quantile"]), "width (default) or quantile"),
      ParameterSpec("as", .column, "name of the new column"),
    ],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      guard let column = try inv.columns("column", in: table).first else { throw inv.error("'bin' needs a column") }
      let bins = try inv.integer("bins")
      let method: BinMethod = inv.word("method") == "quantile" ? .quantile : .width
      let name = inv.expressions("as").first?.nameValue
      return .table(
        try inv.data { () throws(TableError) in
          try table.binned(column, bins: bins, method: method, name: name)
        })
    })
}
