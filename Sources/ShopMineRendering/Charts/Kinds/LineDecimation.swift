import Foundation
import ShopMineData

/// Shortens a long polyline without changing how it looks: per pixel column, only the first, lowest,
/// highest and last points are kept (the M4 aggregation of Jugel et al., "M4: A Visualization-Oriented Time
/// Series Data Aggregation", VLDB 2014). A line through those points covers the same pixels as the full line
/// at that width, so a million-point series draws as a few thousand points: the SVG stays small and the
/// chart is ready in milliseconds instead of seconds.
enum LineDecimation {
  /// Series with at most this many points per pixel column are drawn as they are.
  static let pointsPerColumn = 4

  /// The positions in `order` to keep, ascending. `order` lists row indices sorted by x; `columns` is the
  /// number of pixel columns the x axis spans (the chart's width is a safe upper bound); `logX` buckets by
  /// log₁₀ x, as the axis draws it.
  static func keep(
    order: [Int], xs: [Double], ys: [Double], columns: Int, logX: Bool, cancellation: Cancellation = .none
  ) throws(ChartError) -> [Int] {
    let n = order.count
    guard columns >= 1, n > pointsPerColumn * columns else { return Array(0..<n) }
    func t(_ x: Double) -> Double { logX ? log10(x) : x }
    let lo = t(xs[order[0]]), hi = t(xs[order[n - 1]])
    let span = hi - lo
    // first, lowest, highest and last position of each column; -1 when the column is empty.
    var first = [Int](repeating: -1, count: columns)
    var last = first, lowest = first, highest = first
    for p in 0..<n {
      if p & 0xFFFF == 0 { try ChartData.poll(cancellation) }
      let row = order[p]
      // A span that overflows to infinity, or a log of x ≤ 0, gives a position that is not a number: such
      // points go to the first column rather than trapping in Int(_:).
      let position = span > 0 ? (t(xs[row]) - lo) / span * Double(columns) : 0
      let c = position.isFinite ? Int(max(0, min(position, Double(columns - 1)))) : 0
      if first[c] < 0 {
        first[c] = p
        lowest[c] = p
        highest[c] = p
      } else {
        if ys[row] < ys[order[lowest[c]]] { lowest[c] = p }
        if ys[row] > ys[order[highest[c]]] { highest[c] = p }
      }
      last[c] = p
    }
    var kept: [Int] = []
    kept.reserveCapacity(pointsPerColumn * columns)
    for c in 0..<columns where first[c] >= 0 {
      // Positions are x order, so sorting the four keeps the line's path through the column.
      var four = [first[c], lowest[c], highest[c], last[c]]
      four.sort()
      for p in four where kept.last != p { kept.append(p) }
    }
    return kept
  }
}
