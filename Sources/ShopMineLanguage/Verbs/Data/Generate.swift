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
