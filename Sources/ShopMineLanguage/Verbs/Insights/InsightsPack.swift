import ShopMineData

/// User profiling, price optimisation and risk control.
enum InsightsPack: VerbPack {
  static let verbs: [VerbSpec] = [.rfm, .profile, .elasticity, .optimize, .anomalies]
  static let plotKinds: [PlotKind] = [.segments, .demand]
  static let modelFormats: [ModelFileFormat] = [
    ModelFileFormat(kinds: [ElasticityFile.kind]) { path, bytes throws(TableError) in
      .object(try ElasticityModel.load(from: path, bytes: bytes))
    }
  ]
}
