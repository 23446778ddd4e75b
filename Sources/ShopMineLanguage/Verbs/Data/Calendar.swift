import ShopMineData

extension VerbSpec {
  /// `calendar day every day [by category] [fill 0 | fill missing]`: one row per period of a time series.
  static let calendar = VerbSpec(
    "calendar", summary: "fill the missing periods of a time series (one row per period, per group)",
    positionals: [.column("time", of: [.timestamp], "the timestamp column")],
    options: [
      ParameterSpec(
        "every", .word(CalendarPeriod.allCases.map(\.rawValue)),
        "the period: hour, day (default), week, month, quarter or year"),
      ParameterSpec("by", .columns, "a series per group of these columns"),
      ParameterSpec("fill", .wordOrValue(["missing"]), "the value of added rows' other columns (default missing)"),
    ],
    evaluate: { inv throws(Diagnostic) in
      let table = try inv.table()
      let time = try inv.columns("time", in: table)
      let period = CalendarPeriod(rawValue: inv.word("every", default: "day") ?? "day") ?? .day
      let by = inv.has("by") ? try inv.columns("by", in: table) : []
      var fill = Value.missing
      if case .expr(let e)? = inv.argument("fill")?.value {
        guard case .scalar(let v) = try inv.evaluate(e) else {
          throw Diagnostic("'fill' needs a single value, such as 0, or the word missing", at: e.span, name: "TypeError")
        }
        fill = v
      }
      let cancellation = inv.cancellation
      return .table(
        try inv.data { () throws(TableError) in
          try cancellation.check()
          return try table.calendarFilled(time: time.first ?? "", every: period, by: by, fill: fill)
        })
    })
}
