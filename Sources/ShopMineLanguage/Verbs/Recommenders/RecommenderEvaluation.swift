import ShopMineData
import ShopMineRecommenders
import ShopMineRendering

extension RecommenderModel: PredictingObject, EvaluatingObject {
  func predict(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    try RecommenderEvaluation.predict(inv, self)
  }
  func evaluate(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    try RecommenderEvaluation.evaluate(inv, self)
  }
}

/// `predict`, `evaluate` and `compare` for recommenders.
enum RecommenderEvaluation {
  /// `predict sv on test as predicted`: the test table with a predicted-rating column.
  static func predict(_ inv: VerbInvocation, _ model: RecommenderModel) throws(Diagnostic) -> RuntimeValue {
    guard model.columns.isRating, let predictor = model.ratingPredictor else {
      throw inv.error(
        "the \(model.model.kind.rawValue) model ranks items but predicts no ratings",
        notes: ["rating predictions come from svd, itemcf or usercf trained with 'rating COLUMN'"],
        suggestions: ["use 'recommend' for top-k lists, or: svd train user user_id item product_id rating rating"])
    }
    let test = try TrainingArguments.testTable(inv, model)
    let name = inv.expressions("as").first?.nameValue ?? "predicted"
    let columns = model.columns
    let column = try inv.data { () throws(TableError) in
      try Evaluation.predictions(predictor, table: test, user: columns.user, item: columns.item, name: name)
    }
    var all = test.columns.filter { $0.name != name }
    all.append(column)
    return .table(Table(uncheckedColumns: all, rowCount: test.rowCount))
  }

  /// The rating column to score RMSE/MAE on: the model's own, when the model predicts ratings and the
  /// test table has it.
  static func ratingColumn(_ model: RecommenderModel, _ test: Table) -> String? {
    guard model.columns.isRating, model.model is any RatingPredictor, let name = model.columns.value,
      test.column(named: name) != nil
    else { return nil }
    return name
  }

  /// One model's metrics on `test`, with a progress bar and interrupt.
  static func metrics(_ inv: VerbInvocation, _ model: RecommenderModel, _ test: Table, k: Int, label: String)
    throws(Diagnostic) -> EvaluationResult
  {
    let columns = model.columns
    let rating = ratingColumn(model, test)
    return try inv.withProgress(label: label) { cancellation, callback throws(TableError) in
      try Evaluation.evaluate(
        model.model, test: test, user: columns.user, item: columns.item, rating: rating, k: k,
        cancellation: cancellation, progress: callback)
    }
  }

  /// Definitions of the metrics present in `table`'s metric names, one line each.
  static func definitions(k: Int, present: Set<String>) -> [String] {
    var lines: [String] = []
    for (name, text) in EvaluationResult.definitions {
      let shown = name.replacingK(k)
      guard present.contains(shown) else { continue }
      lines.append("\(shown): \(text)")
    }
    lines.append("averaged over test users with at least one relevant item (a test item not already in training)")
    return lines
  }

  /// `evaluate mf on test k 10`: a metric table with the definitions under it.
  static func evaluate(_ inv: VerbInvocation, _ model: RecommenderModel) throws(Diagnostic) -> RuntimeValue {
    let test = try TrainingArguments.testTable(inv, model)
    let k = try inv.integer("k")
    let result = try metrics(inv, model, test, k: k, label: "evaluate")
    // The user count goes in the title: as a row it would force the value column's decimals on an integer.
    let full = result.table()
    let keep = (0..<full.rowCount).filter { full.columns[0][$0] != .string("users") }
    let table = Table(
      uncheckedColumns: full.columns.map { c in
        c.type == .string
          ? Column(name: c.name, strings: keep.map { if case .string(let s) = c[$0] { return s } else { return nil } })
          : Column(name: c.name, floats: keep.map { c[$0].doubleValue ?? .nan })
      }, rowCount: keep.count)
    let names = Set(
      (0..<table.rowCount).compactMap { r -> String? in
        if case .string(let s) = table.columns[0][r] { return s } else { return nil }
      })
    let testName = inv.expression("on")?.nameValue ?? "the test table"
    let title = "\(model.model.kind.rawValue) on \(testName): top-\(k) metrics over \(result.users) users"
    return .object(
      TitledTable(kind: "evaluation", table: table, title: title, notes: definitions(k: k, present: names)))
  }

  /// Metrics drawn as bars in `compare`: the ones on a 0…1 scale.
  static let chartedMetrics = ["precision@k", "recall@k", "ndcg@k", "map@k", "hit_rate", "coverage", "diversity"]

  /// `compare pop, icf, ucf, mf, sv on test k 10`: one row per model, one column per metric, and bars.
  static func compare(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let exprs = inv.expressions("models")
    guard !exprs.isEmpty else { throw inv.error("'compare' needs models: compare pop, mf on test k 10") }
    var models: [(String, RecommenderModel)] = []
    for (i, e) in exprs.enumerated() {
      let model = try TrainingArguments.model(try inv.evaluate(e), inv: inv, span: e.span)
      models.append((e.nameValue ?? "model \(i + 1)", model))
    }
    let k = try inv.integer("k")
    var results: [EvaluationResult] = []
    for (name, model) in models {
      let test = try TrainingArguments.testTable(inv, model)
      results.append(try metrics(inv, model, test, k: k, label: "evaluate \(name)"))
    }
    var table = Evaluation.comparison(models.map { $0.0 }, results, k: k)
    table = Table(
      uncheckedColumns: table.columns + [Column(name: "users", ints: results.map { Int64($0.users) })],
      rowCount: models.count)
    let chart = compareChart(models.map { $0.0 }, results, k: k)
    let testName = inv.expression("on")?.nameValue ?? "the test table"
    let present = Set(table.columnNames)
    return .object(
      TitledTable(
        kind: "comparison", table: table, title: "\(models.count) models on \(testName), top-\(k)",
        notes: definitions(k: k, present: present), chart: chart))
  }

  /// Horizontal bars, one per (metric, model), coloured by model and grouped by metric.
  static func compareChart(_ names: [String], _ results: [EvaluationResult], k: Int) -> RenderedChart? {
    var labels: [String?] = []
    var values: [Double] = []
    var modelOf: [String?] = []
    for (index, (metric, _)) in EvaluationResult.definitions.enumerated() where chartedMetrics.contains(metric) {
      let shown = metric.replacingK(k)
      for (name, result) in zip(names, results) {
        guard let v = result.values[index] else { continue }
        labels.append("\(shown) · \(name)")
        values.append(v)
        modelOf.append(name)
      }
    }
    let long = Table(
      uncheckedColumns: [
        Column(name: "metric", strings: labels), Column(name: "value", floats: values),
        Column(name: "model", strings: modelOf),
      ], rowCount: values.count)
    let height = min(4000, max(240, 80 + values.count * 18))
    let spec = ChartSpec(
      kind: .bar, x: "metric", y: "value", color: "model", title: "Models side by side (top-\(k))", width: 720,
      height: height, horizontal: true)
    return try? Chart.render(spec, long)
  }
}
