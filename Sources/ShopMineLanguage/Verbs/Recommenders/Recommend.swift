import ShopMineData
import ShopMineRecommenders

extension VerbSpec {
  /// `recommend mf for user 17 top 5 with products` (a rich list) and `recommend icf for users [1, 2, 3] top 5`
  /// (a table; without `for`, every training user).
  static let recommend = VerbSpec(
    "recommend", summary: "top-k recommendations for one user (a list) or several (a table)",
    options: [
      ParameterSpec("for", .tagged(["user", "users"], .value), "user ID, or users [ID, …]; every user when left out"),
      ParameterSpec.integer("top", default: 10, in: 1...100_000, "how many items per user"),
      ParameterSpec("with", .value, "a products table whose name and category join in"),
      ParameterSpec("seen", .flag, "keep items the user already has (filtered by default)"),
    ],
    schema: { _ in ["user", "rank", "item", "score", "because"] },
    evaluate: { inv throws(Diagnostic) in
      let model = try TrainingArguments.model(inv)
      let k = try inv.integer("top")
      let catalog = try productCatalog(inv, model)
      let filterSeen = !inv.has("seen")
      if inv.word("for") == "user", let e = inv.expression("for") {
        let v = try inv.evaluate(e)
        if case .scalar(let user) = v, !user.isMissing {
          let entries = Recommendations.recommend(model.model, user: user, k: k, filterSeen: filterSeen)
          return .object(
            RecommendationList(
              user: user, knownUser: model.model.data.userIndex(user) != nil, model: model.model.kind.rawValue,
              entries: entries, catalog: catalog))
        }
        guard v.elements != nil else {
          throw Diagnostic("'for user' needs a user id, not \(v.describeForError)", at: e.span, name: "TypeError")
        }
      }
      var users: [Value]? = nil
      if let e = inv.expression("for") {
        let v = try inv.evaluate(e)
        if case .scalar(let one) = v {
          users = [one]
        } else if let list = v.elements {
          var ids: [Value] = []
          for item in list {
            guard case .scalar(let id) = item, !id.isMissing else {
              throw Diagnostic("'for users' needs a list of user ids, such as [1, 2, 3]", at: e.span, name: "TypeError")
            }
            ids.append(id)
          }
          users = ids
        } else {
          throw Diagnostic(
            "'for users' needs a list of user ids, not \(v.describeForError)", at: e.span, name: "TypeError")
        }
      }
      let recommender = model.model
      let chosen = users
      var table = try inv.withProgress(label: "recommend") { cancellation, callback throws(TableError) in
        try Recommendations.table(
          recommender, users: chosen, k: k, filterSeen: filterSeen, cancellation: cancellation, progress: callback)
      }
      if let catalog { table = catalog.annotate(table, itemColumn: "item", becauseColumn: "because") }
      return .table(table)
    })

  /// The catalog given with `with` (`with products`), or `nil`.
  static func productCatalog(_ inv: VerbInvocation, _ model: RecommenderModel) throws(Diagnostic) -> ProductCatalog? {
    guard let e = inv.expression("with") else { return nil }
    if let name = e.nameValue, inv.session[name] == nil {
      throw Diagnostic(
        "'with \(name)' needs a products table named '\(name)'", at: e.span, name: "NameError",
        suggestions: ["\(name) = generate products 500 seed 3", "or load one: \(name) = load \"products.csv\""])
    }
    let v = try inv.evaluate(e)
    guard case .table(let products) = v else {
      throw Diagnostic("'with' needs a products table, not \(v.describeForError)", at: e.span, name: "TypeError")
    }
    guard let catalog = ProductCatalog(products, itemColumn: model.columns.item) else {
      throw Diagnostic(
        "the products table has no 'name' or 'category' column to show", at: e.span, name: "ColumnError",
        notes: [Errors.columnsNote(products.columnNames)])
    }
    return catalog
  }
}
