import JupyterProtocol
import ShopMineData
import ShopMineInsights
import ShopMineRendering

/// The value of `profile`: what distinguishes each cluster — sizes, raw and standardised feature means,
/// a sentence per cluster and a heatmap of the standardised means.
///
/// Table verbs see the raw means table (`cluster`, `size`, `share`, one column per feature).
public struct ClusterProfileReport: TableBackedObject {
  public var profile: ClusterProfile
  /// What was profiled (`kmeans model seg`, `users by segment`), for the title.
  public var source: String

  public init(profile: ClusterProfile, source: String) {
    self.profile = profile
    self.source = source
  }

  public var kind: String { "cluster profile" }
  public var table: Table { profile.means }
  public var shape: String { "\(profile.clusterLabels.count) clusters, \(profile.features.count) features" }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let rows = max(options.rows, profile.clusterLabels.count)
    let document = SummaryDocument(
      title: "Profile of \(profile.clusterLabels.count) clusters (\(source))",
      sections: [
        .init(heading: "What distinguishes each cluster", blocks: profile.sentences.map { .text($0) }),
        .init(heading: "Means", blocks: [.table(profile.means, title: nil)]),
        .init(
          heading: "Standardised means",
          blocks: [
            .table(profile.standardized, title: nil),
            .text(
              "z = (cluster mean − overall mean) / overall σ (population σ over all rows); |z| ≥ 0.5 is named above."),
          ]),
        .init(heading: "Heatmap", blocks: [.chart(InsightCharts.profile(profile))]),
      ])
    return SummaryRenderer.bundle(document, options: options.tableOptions(rows: rows))
  }
}
