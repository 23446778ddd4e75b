/// A family of the language — data, session, rules, recommenders, learning, insights — and what it adds:
/// its verbs, its plot kinds and the model-file formats `load model` reads back.
///
/// The verb catalog (``VerbCatalog/all``), the plot kinds (``PlotKinds/all``) and the model-file formats
/// (``ModelFiles/formats``) are the union of ``VerbPacks/all``. A new verb is a file in its family's folder
/// and one line in that family's pack; a new family is a folder with a pack, listed once below.
protocol VerbPack {
  /// The family's verbs, in the order `help` lists them.
  static var verbs: [VerbSpec] { get }
  /// The kinds `plot` draws for the family's values.
  static var plotKinds: [PlotKind] { get }
  /// The model files the family writes.
  static var modelFormats: [ModelFileFormat] { get }
}

extension VerbPack {
  static var plotKinds: [PlotKind] { [] }
  static var modelFormats: [ModelFileFormat] { [] }
}

/// Every pack, in the order `help` lists their verbs.
enum VerbPacks {
  static var all: [any VerbPack.Type] {
    [
      DataPack.self, SourcesPack.self, SessionPack.self, RulesPack.self, RecommendersPack.self, SharedModelPack.self,
      LearningPack.self, InsightsPack.self,
    ]
  }
}

/// The verbs every model family answers through capabilities (``PredictingObject``,
/// ``EvaluatingObject``), and `plot`, whose kinds the packs bring.
enum SharedModelPack: VerbPack {
  static let verbs: [VerbSpec] = [.predict, .evaluate, .plot]
}
