import JupyterProtocol
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The value of `rfm`: per-customer recency, frequency and monetary scores with RF segments.
///
/// Table verbs see the per-customer table (`r | where segment == "champions"`); the display adds the
/// segment summary and the RF grid heatmap.
public struct RFMAnalysis: TableBackedObject {
  public var result: RFMResult
  /// The customer key column's name.
  public var customerColumn: String
  /// How the monetary value was written (`price * quantity`), for the display.
  public var valueDescription: String

  public init(result: RFMResult, customerColumn: String, valueDescription: String) {
    self.result = result
    self.customerColumn = customerColumn
    self.valueDescription = valueDescription
  }

  public var kind: String { "rfm analysis" }
  public var table: Table { result.customers }
  public var shape: String {
    "\(result.customers.rowCount) customers, \(result.summary.rowCount) segments"
  }

  /// Summary facts: customers, reference day, skipped rows and the tie fallbacks, in reading order.
  var facts: [(String, Value)] {
    var pairs: [(String, Value)] = [
      ("customers", .int(Int64(result.customers.rowCount))),
      ("reference day", .string(ValueFormatter.timestamp(result.referenceDay * 86_400_000_000))),
      ("monetary value", .string(valueDescription)),
    ]
    if result.skippedRows > 0 { pairs.append(("rows skipped (missing)", .int(Int64(result.skippedRows)))) }
    if result.recencyScoredByRank { pairs.append(("recency scored by", .string("rank (tied quintile edges)"))) }
    if result.monetaryScoredByRank { pairs.append(("monetary scored by", .string("rank (tied quintile edges)"))) }
    return pairs
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let document = SummaryDocument(
      title: "RFM analysis of \(NumberFormat.count(result.customers.rowCount)) customers",
      sections: [
        .init(blocks: [
          .keyValues(facts),
          .text(
            "Recency is days since the last order (counted from the day after the last order in the data), "
              + "frequency distinct orders, monetary the sum of the value; scores are quintiles 1–5 (5 best)."),
        ]),
        .init(heading: "Segments", blocks: [.table(result.summary, title: nil)]),
        .init(heading: "Customers", blocks: [.table(result.customers, title: nil)]),
        .init(heading: "RF grid", blocks: [.chart(InsightCharts.rfGrid(result))]),
      ])
    return SummaryRenderer.bundle(
      document, options: options.tableOptions())
  }
}
