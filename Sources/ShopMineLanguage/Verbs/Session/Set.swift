import ShopMineData
import ShopMineRendering

extension VerbSpec {
  /// `set rows 20`, `set precision 3`, `set width 80`, `set seed 7`, `set theme dark`, `set charts interactive`.
  static let set = VerbSpec(
    "set", summary: "change a session setting (rows, precision, width, seed, theme, charts)", subject: .none,
    positionals: [
      ParameterSpec("setting", .anyWord, "rows, precision, width, seed, theme or charts"),
      ParameterSpec("value", .value, "the new value"),
    ],
    evaluate: { inv throws(Diagnostic) in
      let settings = ["rows", "precision", "width", "seed", "theme", "charts"]
      guard let setting = inv.word("setting") else { throw inv.error("'set' needs a setting") }
      switch setting {
      case "rows":
        inv.session.rows = try inv.int("value", default: nil, in: 1...100_000) ?? inv.session.rows
      case "precision":
        inv.session.precision = try inv.int("value", default: nil, in: 0...15) ?? inv.session.precision
      case "width":
        inv.session.width = try inv.int("value", default: nil, in: 4...100_000) ?? inv.session.width
      case "seed":
        inv.session.seed = UInt64(try inv.int("value", default: nil, in: 0...Int.max) ?? 0)
      case "theme":
        // Chart background and ink; auto (the default) is transparent and legible on light and dark.
        let names = ChartTheme.Name.allCases.map(\.rawValue)
        guard let word = inv.word("value"), let theme = ChartTheme.Name(rawValue: word) else {
          throw setError(inv, "'set theme' takes \(names.joined(separator: ", "))", names)
        }
        inv.session.chartTheme = theme
      case "charts":
        // interactive: plots leave out the <img>, so JupyterLab and VS Code show the Vega-Lite view.
        let modes = ["static", "interactive"]
        guard let word = inv.word("value"), modes.contains(word) else {
          throw setError(inv, "'set charts' takes static or interactive", modes)
        }
        inv.session.interactiveCharts = word == "interactive"
      default:
        throw Diagnostic(
          "unknown setting '\(setting)'", at: inv.argument("setting")?.span ?? inv.call.span,
          name: "NameError", notes: ["settings: \(settings.joined(separator: ", "))"]
        )
        .suggesting(setting, from: settings)
      }
      return .nothing
    })

  /// A wrong word after `set theme`/`set charts`: the message lists the words that work; the closest
  /// one is offered as "did you mean".
  private static func setError(_ inv: VerbInvocation, _ message: String, _ words: [String]) -> Diagnostic {
    Diagnostic(message, at: inv.argument("value")?.span ?? inv.call.span, name: "ValueError")
      .suggesting(inv.word("value") ?? "", from: words)
  }
}
