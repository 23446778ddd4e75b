import ShopMineData

/// Small builders for result columns.
enum Columns {
  /// A float column of computed results. A NaN or infinite entry is a result that does not apply (no
  /// interior optimum, a fit without variance): it stays a valid NaN, which displays show as `n/a` — not
  /// `missing`, the word for gaps in the data — and JSON carries as `null`.
  static func floats(_ name: String, _ values: [Double]) -> Column {
    guard values.contains(where: { $0.isInfinite }) else { return Column(name: name, floats: values) }
    return Column(name: name, floats: values.map { $0.isFinite ? $0 : .nan })
  }

  /// The rows `rows` of a key column (keys are complete by construction, so no mask is carried).
  static func select(_ column: Column, rows: [Int]) -> Column {
    switch column.storage {
    case .int(let a): return Column(name: column.name, ints: rows.map { a[$0] })
    case .float(let a): return Column(name: column.name, floats: rows.map { a[$0] })
    case .bool(let a): return Column(name: column.name, bools: rows.map { a[$0] })
    case .timestamp(let a): return Column(name: column.name, timestamps: rows.map { a[$0] })
    case .string(let codes, let dictionary):
      return Column(name: column.name, storage: .string(codes: rows.map { codes[$0] }, dictionary: dictionary))
    }
  }
}

/// Number formatting for sentences and status strings, independent of locale and `String(format:)`.
enum NumberText {
  /// `x` rounded to `digits` decimals, e.g. `fixed(1.849, 2) == "1.85"`; "−" (U+2212) for negatives when
  /// `unicodeMinus`, and an explicit "+" when `signed`.
  static func fixed(_ x: Double, _ digits: Int, signed: Bool = false, unicodeMinus: Bool = false) -> String {
    guard x.isFinite else { return x.isNaN ? "missing" : (x > 0 ? "∞" : "−∞") }
    var scale = 1.0
    for _ in 0..<max(digits, 0) { scale *= 10 }
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return "\(x)" }
    let units = Int64(scaled)
    let whole = units / Int64(scale)
    let frac = units % Int64(scale)
    var body = String(whole)
    if digits > 0 {
      let f = String(frac)
      body += "." + String(repeating: "0", count: digits - f.count) + f
    }
    let negative = x < 0 && units != 0
    let sign = negative ? (unicodeMinus ? "−" : "-") : (signed ? "+" : "")
    return sign + body
  }
}
