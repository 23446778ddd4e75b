import ShopMineData

/// Clustering, dimensionality reduction and classification.
enum LearningPack: VerbPack {
  static let verbs: [VerbSpec] = [
    .kmeans, .elbow, .silhouette, .dbscan, .kdist, .pca, .tree, .logistic, .bayes, .knn, .sentiment,
  ]
  static let plotKinds: [PlotKind] = [.clusters, .pca, .tree, .roc]
  static let modelFormats: [ModelFileFormat] = [
    ModelFileFormat(kinds: LearningModelFiles.kinds) { path, bytes throws(TableError) in
      try LearningModelFiles.load(path, bytes: bytes)
    }
  ]
}
