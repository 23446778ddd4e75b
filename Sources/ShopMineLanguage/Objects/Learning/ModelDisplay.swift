import Foundation
import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// Shared pieces of the clustering and classification displays: summary bundles carrying the fitted
/// numbers, number formatting, and the cluster scatter.
enum ModelDisplay {
  /// Points drawn in a summary or trace scatter at most; more rows are thinned by a fixed stride so the
  /// SVG stays small and the same on every run.
  static let scatterLimit = 5_000
  /// Model files larger than this are left out of a display's model JSON, ``ShopMineMIME/model`` (kNN keeps its training
  /// rows, k-means every label); the summary tables still carry the key numbers.
  static let modelJSONLimit = 2_000_000

  /// The table options matching the session's display settings.
  static func tableOptions(_ options: DisplayOptions, title: String? = nil) -> TableOptions {
    options.tableOptions(title: title)
  }

  /// A summary document as a bundle whose model JSON, ``ShopMineMIME/model``, holds every fitted number: `summary`
  /// is the rendered document, `model` the model exactly as its file stores it.
  static func bundle(
    _ document: SummaryDocument, kind: String, saved: SavedModel?, extra: [String: JSONValue] = [:],
    options: DisplayOptions
  ) -> MIMEBundle {
    let tableOptions = tableOptions(options)
    var bundle = SummaryRenderer.bundle(document, options: tableOptions)
    var json: [String: JSONValue] = [
      "kind": .string(kind), "summary": SummaryRenderer.json(document, options: tableOptions),
    ]
    if let saved { json["model"] = modelJSON(saved) }
    for (key, value) in extra { json[key] = value }
    bundle.data[ShopMineMIME.summary] = nil
    bundle.data[ShopMineMIME.model] = .object(json)
    return bundle
  }

  /// The `model` object of the model's file, or a note when it is too large to repeat in a display.
  static func modelJSON(_ saved: SavedModel) -> JSONValue {
    guard let data = try? LearningModelFile.encode(saved) else { return .null }
    guard data.count <= modelJSONLimit else {
      return .object([
        "omitted": .string("the fitted model is \(data.count) bytes; save it to a file to see every number")
      ])
    }
    guard let parsed = try? JSONParser().parse([UInt8](data)) else { return .null }
    return parsed["model"] ?? .null
  }

  /// `0.1234` style: at most `digits` decimals, trailing zeros trimmed.
  static func number(_ x: Double, digits: Int = 4) -> String {
    // NaN is a result that does not apply (as in tables), never missing data.
    guard x.isFinite else { return x.isNaN ? DecimalFormat.notApplicable : (x > 0 ? "inf" : "-inf") }
    return DecimalFormat.trimmed(x, maxDecimals: digits)
  }

  /// `12.5%`.
  static func percent(_ part: Int, of whole: Int) -> String {
    guard whole > 0 else { return "0%" }
    return DecimalFormat.trimmed(Double(part) / Double(whole) * 100, maxDecimals: 1) + "%"
  }

  /// Row indices to draw: all rows up to ``scatterLimit``, else every k-th row.
  static func sampledRows(_ count: Int) -> (rows: [Int], stride: Int) {
    let step = max(1, (count + scatterLimit - 1) / scatterLimit)
    return (Array(Swift.stride(from: 0, to: count, by: step)), step)
  }

  /// The first two numeric feature columns of `encoding` that `table` still has (the summary scatter's
  /// axes); one column is paired with itself.
  static func scatterAxes(_ encoding: FeatureEncoding, in table: Table) -> (x: String, y: String)? {
    let numeric = encoding.sources.compactMap { source -> String? in
      guard case .oneHot = source.kind else {
        return table.column(named: source.column).map { $0.type == .string ? nil : $0.name } ?? nil
      }
      return nil
    }
    guard let first = numeric.first else { return nil }
    return (first, numeric.count > 1 ? numeric[1] : first)
  }

  /// Numbers of column `name` for plotting (booleans 0/1, timestamps in microseconds), or an error naming
  /// the column when it is text.
  static func plotValues(_ table: Table, _ name: String) throws(TableError) -> [Double] {
    let column = try table.requireColumn(name)
    guard column.type != .string else {
      throw TableError(
        code: .typeMismatch, message: "column '\(name)' is text; a cluster plot needs numbers on both axes",
        column: name)
    }
    return column.doubles().map { $0 ?? .nan }
  }

  /// Points of `table` coloured by `labels` (−1 is noise, in grey) with centroid crosses — the cluster
  /// scatter of summaries, traces and `plot clusters`.
  ///
  /// `centroids` gives each cluster's centre on the two axes; `nil` draws none.
  static func clusterFigure(
    xs: [Double], ys: [Double], labels: [Int32], centroids: [(x: Double, y: Double)]?, xTitle: String,
    yTitle: String, title: String?, width: Double = 640, height: Double = 420
  ) -> ChartFigure {
    let (rows, step) = sampledRows(labels.count)
    let px = rows.map { $0 < xs.count ? xs[$0] : .nan }
    let py = rows.map { $0 < ys.count ? ys[$0] : .nan }
    let clusters = rows.map { Int(labels[$0]) }
    var figure = ChartFigure.clusters(
      xs: px, ys: py, clusters: clusters, centroids: centroids ?? [], xTitle: xTitle, yTitle: yTitle, title: title,
      width: width, height: height)
    if step > 1 {
      figure.caption = "Every \(step)th of \(DecimalFormat.groupThousands(String(labels.count))) rows is drawn."
    }
    let k = Set(labels.filter { $0 >= 0 }).count
    let noise = labels.count - labels.filter { $0 >= 0 }.count
    figure.description =
      "\(k) cluster\(k == 1 ? "" : "s") of \(labels.count) rows: \(yTitle) against \(xTitle)"
      + (noise > 0 ? ", \(noise) noise rows in grey" : "") + (centroids == nil ? "" : ", centroids marked")
    if centroids == nil {
      // DBSCAN has no centroids: drop the legend's centroid key.
      figure.legends = figure.legends.map { legend in
        guard case .categorical(let title, let entries) = legend else { return legend }
        return .categorical(title: title, entries: entries.filter { $0.label != "centroid" })
      }
    }
    return figure
  }

  /// Per-cluster means of `values` (NaN skipped): where to draw a centre for a column that is not a feature.
  static func clusterMeans(_ values: [Double], labels: [Int32], k: Int) -> [Double] {
    var sums = [Double](repeating: 0, count: k)
    var counts = [Int](repeating: 0, count: k)
    for (i, l) in labels.enumerated() where l >= 0 && Int(l) < k && i < values.count && values[i].isFinite {
      sums[Int(l)] += values[i]
      counts[Int(l)] += 1
    }
    return (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : .nan }
  }

  /// Index of the knee of a curve: the point farthest from the chord joining its ends, on axes scaled
  /// to 0…1 (the "kneedle" idea). Used to suggest k on an elbow curve and eps on a k-distance curve.
  static func knee(xs: [Double], ys: [Double]) -> Int? {
    let n = min(xs.count, ys.count)
    guard n >= 3, let x0 = xs.first, let x1 = xs.last, let yMin = ys.min(), let yMax = ys.max(), x1 != x0,
      yMax > yMin
    else { return nil }
    let sx = { (x: Double) in (x - x0) / (x1 - x0) }
    let sy = { (y: Double) in (y - yMin) / (yMax - yMin) }
    let (ax, ay, bx, by) = (sx(xs[0]), sy(ys[0]), sx(xs[n - 1]), sy(ys[n - 1]))
    let length = ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
    guard length > 0 else { return nil }
    var best = 0
    var bestDistance = 0.0
    for i in 1..<(n - 1) {
      let d = abs((by - ay) * sx(xs[i]) - (bx - ax) * sy(ys[i]) + bx * ay - by * ax) / length
      // Strictly greater: the earliest of equally distant points wins, for a stable suggestion.
      if d > bestDistance {
        bestDistance = d
        best = i
      }
    }
    return best > 0 ? best : nil
  }
}
