import ShopMineData
import ShopMineLearning

/// k-means and DBSCAN values feed `profile`: their training rows, their numeric and boolean source
/// columns (one-hot encoded text columns have no meaningful mean and are left out) and a label per row.
extension KMeansObject: ProfilableClustering {
  var profileTable: Table? { training }
  var profileFeatures: [String] { ProfileFeatures.numeric(model.encoding) }
  var profileLabels: [Int] { model.labels.map { Int($0) } }
}

extension DBSCANObject: ProfilableClustering {
  var profileTable: Table? { training }
  var profileFeatures: [String] { ProfileFeatures.numeric(model.encoding) }
  var profileLabels: [Int] { model.labels.map { Int($0) } }
}

enum ProfileFeatures {
  /// The source columns of `encoding` that are numbers or booleans, in model order.
  static func numeric(_ encoding: FeatureEncoding) -> [String] {
    encoding.sources.compactMap { source in
      if case .oneHot = source.kind { return nil }
      return source.column
    }
  }
}
