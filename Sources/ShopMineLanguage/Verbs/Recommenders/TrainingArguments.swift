import ShopMineData
import ShopMineRecommenders

/// Arguments shared by the recommender verbs: training columns, the model subject, the test table.
enum TrainingArguments {
  static let user = ParameterSpec("user", .column, "the user id column (user_id)")
  static let item = ParameterSpec("item", .column, "the item id column (product_id)")
  static let rating = ParameterSpec("rating", .column, "explicit ratings (averaged when a pair repeats)")
  static let weight = ParameterSpec("weight", .column, "implicit weights such as quantity (summed)")

  /// The training columns written in the call, checked against `table`.
  static func columns(_ inv: VerbInvocation, _ table: Table) throws(Diagnostic) -> TrainingColumns {
    guard inv.has("user"), inv.has("item") else {
      throw inv.error(
        "'\(inv.spec.name)' needs the user and item columns",
        suggestions: ["\(inv.spec.name) train user user_id item product_id"])
    }
    let user = try inv.columns("user", in: table).first ?? ""
    let item = try inv.columns("item", in: table).first ?? ""
    if inv.has("rating") && inv.has("weight") {
      throw inv.error(at: "weight", "give either 'rating' (explicit) or 'weight' (implicit), not both")
    }
    if inv.has("rating") {
      return TrainingColumns(user: user, item: item, value: try inv.columns("rating", in: table).first, isRating: true)
    }
    if inv.has("weight") {
      return TrainingColumns(user: user, item: item, value: try inv.columns("weight", in: table).first)
    }
    return TrainingColumns(user: user, item: item)
  }

  /// The interactions of `table` under `columns`.
  static func interactions(_ inv: VerbInvocation, _ table: Table, _ columns: TrainingColumns)
    throws(Diagnostic) -> Interactions
  {
    let cancellation = inv.cancellation
    return try inv.data { () throws(TableError) in
      try Interactions(
        table: table, user: columns.user, item: columns.item, value: columns.value,
        duplicates: columns.isRating ? .mean : .sum, cancellation: cancellation)
    }
  }

  /// The subject as a fitted recommender, or an error saying what it was instead.
  static func model(_ inv: VerbInvocation) throws(Diagnostic) -> RecommenderModel {
    try model(inv.input, inv: inv, span: inv.call.subject?.span ?? inv.call.verbSpan)
  }

  /// `value` as a fitted recommender.
  static func model(_ value: RuntimeValue?, inv: VerbInvocation, span: SourceSpan) throws(Diagnostic)
    -> RecommenderModel
  {
    guard let value else {
      throw Diagnostic("'\(inv.spec.name)' needs a recommender", at: span, name: "TypeError")
    }
    guard let model = value.object(RecommenderModel.self) else {
      throw Diagnostic(
        "'\(inv.spec.name)' works on a recommender (from popular, itemcf, usercf, als or svd), not \(value.describeForError)",
        at: span, name: "TypeError")
    }
    return model
  }

  /// The table given with `on` (the test set), with the model's user and item columns checked.
  static func testTable(_ inv: VerbInvocation, _ model: RecommenderModel) throws(Diagnostic) -> Table {
    guard let value = try inv.value("on") else {
      throw inv.error("'\(inv.spec.name)' needs a test table: \(inv.spec.name) MODEL on test k 10")
    }
    guard case .table(let table) = value else {
      throw inv.error(at: "on", "'on' needs a table, not \(value.describeForError)")
    }
    for name in [model.columns.user, model.columns.item] where table.column(named: name) == nil {
      throw Diagnostic(
        "the test table has no column '\(name)', which the model was trained with",
        at: inv.argument("on")?.span ?? inv.call.span,
        name: "ColumnError", notes: [Errors.columnsNote(table.columnNames)]
      )
      .suggesting(name, from: table.columnNames)
    }
    return table
  }

  /// `neighbors`, `shrinkage` and `similarity` for the kNN verbs.
  static func neighborhood(_ inv: VerbInvocation, explicit: Bool) throws(Diagnostic) -> NeighborhoodOptions {
    var options = NeighborhoodOptions()
    options.neighbors = try inv.integer("neighbors")
    let shrinkage = try inv.number("shrinkage")
    guard shrinkage >= 0, shrinkage.isFinite else {
      throw inv.error(at: "shrinkage", "'shrinkage' must be 0 or more, not \(ValueFormatter.number(shrinkage))")
    }
    options.shrinkage = shrinkage
    if let word = inv.word("similarity"), let s = SimilarityMeasure(rawValue: word) { options.similarity = s }
    options.explicitRatings = explicit
    return options
  }

  static let neighborhoodOptions: [ParameterSpec] = [
    user, item, rating, weight,
    ParameterSpec.integer(
      "neighbors", default: NeighborhoodOptions().neighbors, in: 1...100_000, "neighbours kept per item or user"),
    ParameterSpec(
      "similarity", .word(SimilarityMeasure.allCases.map(\.rawValue)), "cosine (default), pearson or jaccard"),
    ParameterSpec.number(
      "shrinkage", default: NeighborhoodOptions().shrinkage, "similarity × n / (n + shrinkage) for n co-rated entries"),
  ]

  /// Runs a fit with a progress bar and interrupt, wrapping the model for the language.
  ///
  /// `total` (iterations, epochs) lets the display show `0/15` from the moment it appears, before the
  /// first step reports.
  static func fit(
    _ inv: VerbInvocation, label: String, columns: TrainingColumns, total: Int = 0,
    _ body: (Cancellation, @escaping ProgressCallback) throws(TableError) -> any Recommender
  ) throws(Diagnostic) -> RuntimeValue {
    let model = try inv.withProgress(
      label: label, total: total, finish: { "\($0.data.userCount) users × \($0.data.itemCount) items" }, body)
    return .object(RecommenderModel(model: model, columns: columns))
  }
}
