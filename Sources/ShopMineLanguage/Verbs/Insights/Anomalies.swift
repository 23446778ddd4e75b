import ShopMineData
import ShopMineInsights

extension VerbSpec {
  /// `flags = anomalies orders on price, quantity method isolation seed 1 contamination 0.01`,
  /// `anomalies orders on price method iqr`: the rows with `score` and `anomaly` columns added.
  static let anomalies = VerbSpec(
    "anomalies", summary: "score rows for anomalies (isolation forest, z-score or IQR) and flag them",
    options: [
      ParameterSpec("on", .columns, "the numeric columns to score"),
      ParameterSpec("method", .word(["isolation", "zscore", "iqr"]), "isolation (default), zscore or iqr"),
      ParameterSpec.seed("isolation: random seed"),
      ParameterSpec(
        "contamination", .value, "isolation: share of rows to flag, in (0, 0.5]; left out, scikit-learn's 'auto'"),
      ParameterSpec.integer("trees", default: 100, in: 1...10_000, "isolation: number of trees"),
      ParameterSpec.integer("samples", default: 256, in: 2...1_000_000, "isolation: rows per tree"),
      ParameterSpec.number("threshold", default: 3, "zscore: flag above this |z|"),
      ParameterSpec.number("k", default: 1.5, "iqr: fence width in IQRs"),
    ],
    schema: { query in query.input.map { $0.filter { $0 != "score" && $0 != "anomaly" } + ["score", "anomaly"] } },
    evaluate: { inv throws(Diagnostic) in try InsightVerbs.anomalies(inv) })
}

extension InsightVerbs {
  static func anomalies(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try inv.table()
    var columns = try inv.columns("on", in: table)
    if columns.isEmpty {
      // Without `on`, every numeric column except ids and an existing truth or score column.
      columns = table.columns.filter {
        $0.type.isNumeric && !$0.name.hasSuffix("_id") && !["score", "anomaly", "is_anomaly"].contains($0.name)
      }.map(\.name)
      guard !columns.isEmpty else {
        throw inv.error("'anomalies' needs numeric columns: anomalies orders on price, quantity")
      }
    }
    let word = inv.word("method") ?? "isolation"
    func reject(_ options: [String]) throws(Diagnostic) {
      for o in options where inv.has(o) {
        throw inv.error(at: o, "'\(o)' does not apply to method \(word)")
      }
    }
    let method: AnomalyMethod
    var description = word
    switch word {
    case "zscore":
      try reject(["seed", "contamination", "trees", "samples", "k"])
      let t = try inv.number("threshold")
      guard t > 0, t.isFinite else { throw inv.error(at: "threshold", "'threshold' must be a positive number") }
      method = .zscore(threshold: t)
      description += " threshold \(ValueFormatter.number(t))"
    case "iqr":
      try reject(["seed", "contamination", "trees", "samples", "threshold"])
      let k = try inv.number("k")
      guard k >= 0, k.isFinite else { throw inv.error(at: "k", "'k' must be a non-negative number") }
      method = .iqr(k: k)
      description += " k \(ValueFormatter.number(k))"
    default:
      try reject(["threshold", "k"])
      let seed = try inv.seed()
      let trees = try inv.integer("trees")
      let samples = try inv.integer("samples")
      var contamination: Double? = nil
      if inv.has("contamination") {
        let c = try inv.double("contamination") ?? 0
        guard c > 0, c <= 0.5 else {
          throw inv.error(at: "contamination", "'contamination' must be in (0, 0.5], not \(ValueFormatter.number(c))")
        }
        contamination = c
      }
      method = .isolationForest(
        IsolationForestOptions(trees: trees, samples: samples, seed: seed, contamination: contamination))
      description +=
        " (\(trees) trees, \(samples) samples, seed \(seed), contamination "
        + (contamination.map { ValueFormatter.number($0) } ?? "auto") + ")"
    }
    let chosen = method
    let result = try inv.withProgress(label: "anomalies") { cancellation, progress throws(TableError) in
      try AnomalyDetection.detect(
        table, columns: columns, method: chosen, cancellation: cancellation,
        progress: progress)
    }
    return .object(AnomalyFlags(result: result, columns: columns, methodDescription: description))
  }

  /// `evaluate flags against is_anomaly`: precision, recall and average precision of the flags and scores
  /// against a truth column, with the precision–recall curve.
  static func evaluateAgainst(_ inv: VerbInvocation) throws(Diagnostic) -> RuntimeValue {
    let table = try inv.table()
    guard let truth = try inv.columns("against", in: table).first else {
      throw inv.error(at: "against", "'against' needs the truth column: evaluate flags against is_anomaly")
    }
    for needed in ["score", "anomaly"] where table.column(named: needed) == nil {
      throw Diagnostic(
        "'evaluate … against' needs a table with '\(needed)' column (the result of 'anomalies')",
        at: inv.call.subject?.span ?? inv.call.verbSpan, name: "ColumnError",
        notes: [Errors.columnsNote(table.columnNames)],
        suggestions: ["flags = anomalies orders on price, quantity seed 1"])
    }
    let evaluation = try inv.data { () throws(TableError) in
      try AnomalyEvaluation.evaluate(table, truth: truth)
    }
    let notes = [
      "precision: share of flagged rows that are truly anomalous; recall: share of true anomalies flagged.",
      "average_precision: area under the precision–recall curve of the score (sklearn's average_precision_score).",
      "\(evaluation.rows) rows with a score and a '\(truth)' value.",
    ]
    return .object(
      TitledTable(
        kind: "anomaly evaluation", table: evaluation.metrics, title: "Anomaly flags against \(truth)", notes: notes,
        chart: InsightCharts.precisionRecall(evaluation)))
  }
}
