import ShopMineData

extension VerbSpec {
  /// `set rows 20`, `set precision 3`, `set seed 7`.
  static let set = VerbSpec(
    "set", summary: "change a session setting (rows, precision, seed)", subject: .none,
    positionals: [ParameterSpec("setting", .anyWord, "rows, precision or seed"),
                  ParameterSpec("value", .value, "the new value")],
    evaluate: { inv throws(Diagnostic) in
      let settings = ["rows", "precision", "seed"]
      guard let setting = inv.word("setting") else { throw inv.error("'set' needs a setting") }
      switch setting {
      case "rows":
        inv.session.rows = try inv.int("value", in: 1...100_000) ?? inv.session.rows
      case "precision":
        inv.session.precision = try inv.int("value", in: 0...15) ?? inv.session.precision
      case "seed":
        inv.session.seed = UInt64(try inv.int("value", in: 0...Int.max) ?? 0)
      default:
        throw Diagnostic("unknown setting '\(setting)'", at: inv.argument("setting")?.span ?? inv.call.span,
                         name: "NameError", notes: ["settings: rows, precision, seed"])
          .suggesting(setting, from: settings)
      }
      return .nothing
    })
}
