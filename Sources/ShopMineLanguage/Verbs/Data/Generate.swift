import ShopMineData
import ShopMineSynthetic

extension VerbSpec {
  /// `generate users 100 seed 42`: synthetic shop data with planted structure.
  static let generate = VerbSpec(
    "generate", summary: "make synthetic e-commerce data (users, products, orders, reviews, events)",
    subject: .none,
    positionals: [
      ParameterSpec("kind", .word(SyntheticShop.kinds), "what to generate"),
      ParameterSpec.integer("rows", in: 0...SyntheticShop.maximumRowCount, "how many rows"),
    ],
    options: [ParameterSpec.seed()],
    schema: { query in
      guard let kind = query.call.arguments["kind"], case .word(let k, _) = kind.value else { return nil }
      return SyntheticShop.columnNames(of: k)
    },
    // N rows of the kind's columns, sized from a small sample of the same kind.
    memoryEstimate: { call, evaluator throws(Diagnostic) in
      guard case .word(let kind, _)? = call.arguments["kind"]?.value, let e = evaluator.cheapExpression(call, "rows"),
        case .scalar(let v) = try evaluator.evaluate(e), let rows = v.doubleValue, rows > 0,
        let perRow = GeneratedSize.bytesPerRow[kind]
      else { return nil }
      return (perRow * rows, "generate \(kind) \(ProgressReporter.grouped(Int(min(rows, 9e18))))")
    },
    evaluate: { inv throws(Diagnostic) in
      let kind = inv.word("kind") ?? ""
      let rows = try inv.int("rows") ?? 0
      let seed = Int64(bitPattern: try inv.seed())
      // Millions of rows take seconds: the display shows the time running, then the rows made.
      return .table(
        try inv.withProgress(label: "generate \(kind)", finish: { "\(CountText.grouped($0.rowCount)) rows" }) {
          cancellation, _ throws(TableError) in
          try SyntheticShop.generate(kind, count: rows, seed: seed, cancellation: cancellation)
        })
    })
}

/// Bytes per row of each kind `generate` makes, measured once on a 256-row sample (a pure function of the
/// kind, so there is no need to generate the sample, and build its world, again for every statement).
enum GeneratedSize {
  static let bytesPerRow: [String: Double] = Dictionary(
    uniqueKeysWithValues: SyntheticShop.kinds.compactMap { kind in
      let sampleRows = 256
      return (try? SyntheticShop.generate(kind, count: sampleRows, seed: 0)).map {
        (kind, Double(Evaluator.bytes(of: $0)) / Double(sampleRows))
      }
    })
}
