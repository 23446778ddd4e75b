import ShopMineData

/// Recommenders: training, recommending, similar items and comparing models.
enum RecommendersPack: VerbPack {
  static let verbs: [VerbSpec] = [.popular, .itemcf, .usercf, .als, .svd, .recommend, .similar, .compare]
  static let modelFormats: [ModelFileFormat] = [
    ModelFileFormat(kinds: RecommenderModel.kinds) { path, bytes throws(TableError) in
      .object(try RecommenderModel.load(from: path, bytes: bytes))
    }
  ]
}
