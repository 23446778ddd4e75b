import ShopMineData

/// Synthetic e-commerce tables with planted structure, for `generate KIND N seed S`.
///
/// Every table is a pure function of its arguments: the same seed gives the same bytes on every machine
/// (a hand-written xoshiro256** generator and samplers, no Foundation randomness, no hash-order
/// dependence). Tables generated with the same seed are consistent: user and product ids mean the same
/// user and product in every table, and the users and products tables are prefix-stable (`N = 100` gives
/// the first 100 rows of `N = 2000`). The planted truth — segments, churn rule, bundles, elasticities,
/// anomalies, preferences — is described in docs/DATA.md and exposed as constants here.
public enum SyntheticShop {
  /// The table kinds `generate` accepts, in the order help and completion list them.
  public static let kinds = ["users", "products", "orders", "reviews", "events"]

  /// A one-line description of each kind, in ``kinds`` order, for help and completion metadata.
  public static let kindDescriptions: [(kind: String, summary: String)] = [
    ("users", "one row per user: demographics, five behaviour features, churned flag, planted segment"),
    ("products", "one row per product: name, category, price, cost, stock"),
    ("orders", "order lines with planted bundles, category elasticities, preferences and ~1 % anomalies"),
    ("reviews", "ratings with English and Chinese review text whose words carry the rating"),
    ("events", "view / favorite / cart / purchase funnel events"),
  ]

  /// Users referenced by orders, reviews and events unless told otherwise (ids 1…2000).
  public static let defaultUserCount = 2000
  /// Products referenced by orders, reviews and events unless told otherwise (ids 1…500).
  public static let defaultProductCount = 500
  /// The largest row count `generate` accepts (a guard against typos that would exhaust memory).
  public static let maximumRowCount = 20_000_000
  /// The fraction of order lines injected as anomalies.
  public static let anomalyRate = 0.01

  /// Generates the table of `kind` with `count` rows.
  ///
  /// - Throws: ``TableError`` with code `.invalidArgument` for an unknown kind (its `candidates` are
  ///   ``kinds``, for "did you mean"), a negative or too-large count.
  public static func generate(
    _ kind: String, count: Int, seed: Int64, cancellation: Cancellation = .none
  ) throws(TableError) -> Table {
    switch kind {
    case "users": return try users(count: count, seed: seed, cancellation: cancellation)
    case "products": return try products(count: count, seed: seed, cancellation: cancellation)
    case "orders": return try orders(count: count, seed: seed, cancellation: cancellation)
    case "reviews": return try reviews(count: count, seed: seed, cancellation: cancellation)
    case "events": return try events(count: count, seed: seed, cancellation: cancellation)
    default:
      throw TableError(
        code: .invalidArgument,
        message: "generate: unknown kind '\(kind)'; expected one of \(kinds.joined(separator: ", "))",
        candidates: kinds)
    }
  }

  /// The columns of a table of `kind`, in order, or nil for an unknown kind: what completion and schema
  /// inference need, without generating anything (an empty table of a kind still builds its world).
  public static func columnNames(of kind: String) -> [String]? { columnsByKind[kind] }

  private static let columnsByKind: [String: [String]] = Dictionary(
    uniqueKeysWithValues: kinds.compactMap { kind in
      (try? generate(kind, count: 0, seed: 0)).map { (kind, $0.columnNames) }
    })

  /// Checks a row count and a referenced-entity count.
  static func validate(_ kind: String, count: Int, userCount: Int = 1, productCount: Int = 1) throws(TableError) {
    guard count >= 0, count <= maximumRowCount else {
      throw TableError.invalidArgument(
        "generate \(kind): row count must be between 0 and \(maximumRowCount), got \(count)")
    }
    guard userCount >= 1, userCount <= 1_000_000 else {
      throw TableError.invalidArgument(
        "generate \(kind): user count must be between 1 and 1000000, got \(userCount)")
    }
    guard productCount >= 1, productCount <= 100_000 else {
      throw TableError.invalidArgument(
        "generate \(kind): product count must be between 1 and 100000, got \(productCount)")
    }
  }
}
