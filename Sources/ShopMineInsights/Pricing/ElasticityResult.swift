import Foundation
import ShopMineData

/// Per-group price elasticities with the observations they were fitted on.
public struct ElasticityResult: Sendable, Hashable {
  /// The name of the group column (`nil` when all rows formed one group).
  public var groupColumn: String?
  /// One estimate per group, in ascending group-key order.
  public var estimates: [ElasticityEstimate]
  /// The estimates as a table: the group key column (original type), `elasticity`, `std_error`,
  /// `ci_low`, `ci_high`, `r2`, `n`, `intercept`, `price_min`, `price_max`, `linear_a`, `linear_b`, `note`.
  public var table: Table
  /// The observations after aggregation: group key column, `price`, `quantity` (for the demand scatter).
  public var observations: Table
  /// The confidence level of the intervals.
  public var confidence: Double

  /// The estimate for `group` (its key as text), or `nil`.
  public func estimate(for group: String) -> ElasticityEstimate? {
    estimates.first { $0.group == group }
  }

  /// The fitted constant-elasticity curve Q = e^a · P^ε for one group, `points` prices spaced evenly on a
  /// log scale across the observed range (a straight line on a log-log plot): columns `price`, `quantity`.
  ///
  /// - Throws: ``TableError`` when the group does not exist or has no estimate.
  public func curve(for group: String, points: Int = 50) throws(TableError) -> Table {
    guard let e = estimate(for: group) else {
      throw TableError(
        code: .invalidArgument, message: "no elasticity estimate for group '\(group)'",
        candidates: estimates.map(\.group))
    }
    guard e.elasticity.isFinite, e.priceMin > 0, e.priceMax.isFinite else {
      throw TableError.invalidArgument("group '\(group)' has no fitted curve: \(e.note)")
    }
    let k = max(points, 2)
    let lo = log(e.priceMin)
    let hi = log(e.priceMax)
    var prices: [Double] = []
    var quantities: [Double] = []
    for i in 0..<k {
      let lp = lo + (hi - lo) * Double(i) / Double(k - 1)
      prices.append(exp(lp))
      quantities.append(exp(e.intercept + e.elasticity * lp))
    }
    return Table(
      uncheckedColumns: [Column(name: "price", floats: prices), Column(name: "quantity", floats: quantities)],
      rowCount: k)
  }

  /// The observations of one group (`price`, `quantity`), for the demand scatter.
  public func observations(for group: String) -> Table {
    guard let key = observations.columns.first else { return observations }
    let rows = observationRows(key, group)
    let columns = observations.columns.dropFirst().map { Columns.select($0, rows: rows) }
    return Table(uncheckedColumns: Array(columns), rowCount: rows.count)
  }

  private func observationRows(_ key: Column, _ group: String) -> [Int] {
    (0..<key.count).filter { row in
      switch key[row] {
      case .string(let s): return s == group
      case .int(let i): return String(i) == group
      case .bool(let b): return (b ? "true" : "false") == group
      case .float(let d): return "\(d)" == group
      case .timestamp(let t): return String(t) == group
      case .missing: return false
      }
    }
  }
}
