import JupyterProtocol
import ShopMineData
import ShopMineLearning
import ShopMineRendering

/// One of the fitted classifiers of ``ShopMineLearning``.
public enum FittedClassifier: Sendable {
  case tree(DecisionTreeModel)
  case logistic(LogisticModel)
  case bayes(NaiveBayesModel)
  case knn(KNNModel)

  /// The model behind the common `predict`/`probabilities` protocol.
  public var classifier: any Classifier {
    switch self {
    case .tree(let m): return m
    case .logistic(let m): return m
    case .bayes(let m): return m
    case .knn(let m): return m
    }
  }

  /// The model as the model file stores it.
  public var saved: SavedModel {
    switch self {
    case .tree(let m): return .tree(m)
    case .logistic(let m): return .logistic(m)
    case .bayes(let m): return .naiveBayes(m)
    case .knn(let m): return .knn(m)
    }
  }

  /// `decision tree`, `logistic regression`…: how messages and titles name the model.
  public var name: String {
    switch self {
    case .tree: return "decision tree"
    case .logistic: return "logistic regression"
    case .bayes(let m): return "\(m.kind.rawValue) naive Bayes"
    case .knn: return "k-nearest neighbours"
    }
  }

  /// The verb that fits it (`tree`, `logistic`, `bayes`, `knn`): the kind `vars` shows.
  public var verb: String {
    switch self {
    case .tree: return "tree"
    case .logistic: return "logistic"
    case .bayes: return "bayes"
    case .knn: return "knn"
    }
  }
}

/// A fitted classifier as a language value (`t = tree train target churned on …`): a summary of what it
/// learned (the tree's rules, coefficients, per-class statistics), with `predict`, `evaluate`,
/// `plot roc`, `plot tree` and `save` working on it.
public struct ClassifierObject: LanguageObject {
  public var model: FittedClassifier
  /// The column it predicts, so `evaluate MODEL on TEST` knows where the truth is.
  public var target: String
  /// Rows it was trained on.
  public var trainingRows: Int
  /// Accuracy on its own training rows (an optimistic figure; `evaluate` on held-out rows is the real one).
  public var trainingAccuracy: Double?

  public init(model: FittedClassifier, target: String, trainingRows: Int, trainingAccuracy: Double?) {
    self.model = model
    self.target = target
    self.trainingRows = trainingRows
    self.trainingAccuracy = trainingAccuracy
  }

  public var kind: String { "\(model.verb) model" }
  public var shape: String {
    let c = model.classifier
    return "\(c.classes.count) classes of \(target), \(c.encoding.width) features"
  }

  public func bundle(_ options: DisplayOptions) -> MIMEBundle {
    let c = model.classifier
    var pairs: [(String, Value)] = [
      ("target", .string(target)),
      ("classes", .string(c.classes.map(\.description).joined(separator: ", "))),
      ("features", .string(c.encoding.columns.joined(separator: ", "))),
      ("training rows", .int(Int64(trainingRows))),
    ]
    pairs += parameters
    if let trainingAccuracy { pairs.append(("training accuracy", .float(trainingAccuracy))) }
    var blocks: [SummaryDocument.Block] = [.keyValues(pairs)]
    if let note = c.encoding.oneHotNote { blocks.append(.text(note + ".")) }
    var sections = [SummaryDocument.Section(blocks: blocks)]
    sections += details
    sections.append(
      SummaryDocument.Section(blocks: [
        .text(
          "Next: evaluate MODEL on TEST · predict MODEL on TABLE as \(target)_predicted · save MODEL to \"models/name.\(model.verb)\""
        )
      ]))
    let title = "\(model.name.prefix(1).uppercased() + model.name.dropFirst()) predicting \(target)"
    return ModelDisplay.bundle(
      SummaryDocument(title: title, sections: sections), kind: model.verb, saved: model.saved,
      extra: ["target": .string(target)], options: options)
  }

  /// The model's own settings and fit figures, after the common lines.
  var parameters: [(String, Value)] {
    switch model {
    case .tree(let m):
      return [
        ("criterion", .string(m.options.criterion.rawValue)),
        ("max depth", m.options.maxDepth.map { .int(Int64($0)) } ?? .string("unlimited")),
        ("min leaf", .int(Int64(m.options.minLeaf))),
        ("depth", .int(Int64(m.depth))),
        ("leaves", .int(Int64(m.leafCount))),
      ]
    case .logistic(let m):
      return [
        ("C", .float(m.c)),
        ("form", .string(m.isBinary ? "binary (sigmoid)" : "multinomial (softmax)")),
        ("iterations", .string("\(m.iterations)" + (m.converged ? " (converged)" : " (stopped at the limit)"))),
      ]
    case .bayes(let m):
      switch m.kind {
      case .gaussian: return [("kind", .string("gaussian")), ("var smoothing", .float(m.epsilon))]
      case .multinomial: return [("kind", .string("multinomial")), ("alpha", .float(m.alpha))]
      }
    case .knn(let m):
      return [
        ("k", .int(Int64(m.k))), ("weights", .string(m.weights.rawValue)), ("metric", .string(m.metric.rawValue)),
      ]
    }
  }

  /// Sections showing what the model learned.
  var details: [SummaryDocument.Section] {
    switch model {
    case .tree(let m):
      var sections = [
        SummaryDocument.Section(heading: "Rules", blocks: [.text(TreeText.rules(m))])
      ]
      sections.append(
        SummaryDocument.Section(
          heading: "Feature importance", blocks: [.table(TreeText.importanceTable(m), title: nil)]))
      return sections
    case .logistic(let m):
      return [
        SummaryDocument.Section(
          heading: "Coefficients",
          blocks: [
            .table(m.coefficientTable(), title: nil),
            .text(
              m.isBinary
                ? "Each coefficient is the change in the log-odds of '\(m.classes[1])' per unit of its feature (features are not scaled)."
                : "One column per class: the change in that class's score per unit of each feature (features are not scaled)."
            ),
          ])
      ]
    case .bayes(let m):
      return [SummaryDocument.Section(heading: "Per class", blocks: [.table(m.summaryTable(), title: nil)])]
    case .knn(let m):
      var counts = [Int](repeating: 0, count: m.classes.count)
      for l in m.trainingLabels where Int(l) < counts.count { counts[Int(l)] += 1 }
      let table = Table(
        uncheckedColumns: [
          m.classes.column(named: "class", codes: (0..<Int32(m.classes.count)).map { $0 }),
          Column(name: "training rows", ints: counts.map { Int64($0) }),
        ], rowCount: m.classes.count)
      return [
        SummaryDocument.Section(
          heading: "Training rows kept",
          blocks: [
            .table(table, title: nil),
            .text(
              "kNN keeps its training rows; a prediction is the \(m.weights == .distance ? "distance-weighted" : "majority") vote of the \(m.k) nearest (features are not scaled: normalize first when their units differ)."
            ),
          ])
      ]
    }
  }
}
