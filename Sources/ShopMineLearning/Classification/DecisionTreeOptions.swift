/// Settings of a CART decision tree.
public struct DecisionTreeOptions: Sendable, Hashable, Codable {
  /// The impurity a split reduces.
  public enum Criterion: String, Sendable, Hashable, Codable, CaseIterable {
    /// 1 − Σ pₖ².
    case gini
    /// −Σ pₖ log₂ pₖ (scikit-learn's "entropy").
    case entropy
  }

  public var criterion: Criterion
  /// Longest root-to-leaf path in splits; `nil` grows until leaves are pure or too small.
  public var maxDepth: Int?
  /// Fewest training rows a leaf may hold (`min_samples_leaf`).
  public var minLeaf: Int
  /// Fewest rows a node needs to be split (`min_samples_split`).
  public var minSplit: Int

  public init(criterion: Criterion = .gini, maxDepth: Int? = nil, minLeaf: Int = 1, minSplit: Int = 2) {
    self.criterion = criterion
    self.maxDepth = maxDepth
    self.minLeaf = minLeaf
    self.minSplit = minSplit
  }
}

/// One node of a fitted tree; nodes are numbered in pre-order (root 0, then the left subtree).
public struct DecisionTreeNode: Sendable, Hashable, Codable {
  public var id: Int
  public var depth: Int
  /// Training rows reaching the node.
  public var samples: Int
  /// Training rows per class.
  public var classCounts: [Int]
  public var impurity: Double
  /// Index of the majority class (smallest class on ties).
  public var prediction: Int
  /// Encoded feature tested, `nil` for a leaf.
  public var feature: Int?
  /// Rows with `feature ≤ threshold` go left.
  public var threshold: Double?
  public var left: Int?
  public var right: Int?

  public var isLeaf: Bool { feature == nil }
}

/// One split chosen while growing the tree, in the order it was made (the `trace` of `tree`).
public struct TreeSplit: Sendable, Hashable, Codable {
  public var node: Int
  public var depth: Int
  public var feature: String
  public var threshold: Double
  public var samples: Int
  /// Impurity of the node before the split.
  public var impurity: Double
  /// Sample-weighted impurity of the two children.
  public var childImpurity: Double
  /// `impurity − childImpurity`: what this split bought at this node.
  public var decrease: Double
  /// `samples / N × decrease`: the split's share of the feature importance.
  public var weightedDecrease: Double
  public var leftSamples: Int
  public var rightSamples: Int
}
