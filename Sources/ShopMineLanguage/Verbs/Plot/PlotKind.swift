import ShopMineRendering

/// One chart kind of the `plot` verb (`scatter`, `hist`, `rules`…): its name, the options it reads and
/// how it draws.
///
/// Kinds are listed in ``PlotKinds/all``; see there for how to add one.
public struct PlotKind: Sendable {
  /// Draws the chart for one `plot KIND …` call. The subject is `inv.input`; options are read from `inv`.
  /// The `plot` verb packs the chart into its bundle, in the session's theme and chart mode.
  public typealias Draw = @Sendable (VerbInvocation) throws(Diagnostic) -> RenderedChart

  /// The word after `plot` (`scatter`).
  public var name: String
  /// One line for `help plot` and completion.
  public var summary: String
  /// The options this kind reads. `plot` accepts the union over every kind, then rejects options the
  /// chosen kind does not list, so `plot hist users spend size n` fails with a clear message.
  public var options: [ParameterSpec]
  /// Whether the kind reads the column written right after the subject (`plot box users spend`).
  public var takesColumn: Bool
  /// A call that works, for error messages and help (`plot hist users spend bins 30`).
  public var example: String
  public var draw: Draw

  public init(
    _ name: String, summary: String, options: [ParameterSpec], takesColumn: Bool = false, example: String,
    draw: @escaping Draw
  ) {
    self.name = name
    self.summary = summary
    self.options = options
    self.takesColumn = takesColumn
    self.example = example
    self.draw = draw
  }

  /// Whether `word` is one of this kind's options.
  func reads(_ word: String) -> Bool { options.contains { $0.name == word } }
}
