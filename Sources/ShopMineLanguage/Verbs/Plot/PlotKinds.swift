/// The chart kinds `plot` knows, by name.
///
/// To add a kind (a model plot such as `plot clusters SEG x a y b`):
/// 1. Add a file `Verbs/Plot/Kinds/<Name>Plot.swift` with
///    `extension PlotKind { static let clusters = PlotKind("clusters", summary: …, options: […],
///    example: "plot clusters seg x browse_time y spend") { inv throws(Diagnostic) in … } }`.
///    The subject is `inv.input` (check its type and say what was expected when it is wrong); return
///    `RenderedChart(figure: …)` — the `plot` verb redraws it in the session's theme (`set theme`) and
///    packs it, static or interactive (`set charts`, `interactive`).
/// 2b. A kind drawing a table column's categories passes `&inv.session.chartColors` to the chart, as
///    ``ChartArguments`` does, so the categories keep their session colours.
/// 2. Reuse the shared option specs in ``PlotOptions`` (`x`, `y`, `title`, `width`…) where the word means
///    the same thing; a new word becomes a new `ParameterSpec`. One word has one syntax across all kinds
///    (the parser reads options before the kind's code runs), so a new option must not reuse an existing
///    name with another ``ArgumentKind`` — `PlotVerbTests.testOptionWordsHaveOneSyntax` checks this.
/// 3. List it in its family's ``VerbPack`` (`plotKinds`).
public enum PlotKinds {
  /// Every kind, in the order `help plot` lists them: the packs' kinds, pack by pack.
  public static let all: [PlotKind] = VerbPacks.all.flatMap { $0.plotKinds }

  /// Kind names in catalog order: the words `plot` accepts after the verb.
  public static var names: [String] { all.map(\.name) }

  /// The kind called `name`.
  public static func kind(_ name: String) -> PlotKind? { all.first { $0.name == name } }

  /// The union of every kind's options (first spelling of a word wins), for the parser.
  static var options: [ParameterSpec] {
    var seen: Set<String> = []
    var out: [ParameterSpec] = []
    for kind in all {
      for option in kind.options where seen.insert(option.name).inserted { out.append(option) }
    }
    return out
  }
}
