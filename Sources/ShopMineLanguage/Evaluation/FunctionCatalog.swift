import ShopMineData

/// Every function of the language in one list: the data layer's scalar functions (rows and single values,
/// one implementation), its aggregates (inside `aggregate`), and the functions of a whole table or list
/// that only value expressions have. Help, completion, highlighting and "did you mean" read it.
enum FunctionCatalog {
  /// Functions of a table or list, in value expressions: `count(users)`. (`len` of a table or list is the
  /// same count; `len` of a string is the scalar function.)
  static let collection: [FunctionSignature] = [
    FunctionSignature("count", 1...1, "count(t)", "rows of a table or items of a list"),
    FunctionSignature("rows", 1...1, "rows(t)", "rows of a table or items of a list"),
  ]

  /// Names that count a table or list when their one argument is one.
  static let counting: Set<String> = ["count", "rows", "len"]

  /// Functions known in row expressions, sorted.
  static let rowNames = Set(ScalarFunctions.names + AggregateFunction.names).sorted()

  /// Functions known in value expressions, sorted.
  static let valueNames = Set(ScalarFunctions.names + collection.map(\.name)).sorted()

  /// Every function name, sorted.
  static let names = Set(rowNames + valueNames).sorted()

  /// How each name is written (the first signature of a name shared by several kinds), for completion.
  static let usage: [String: String] = {
    var out: [String: String] = [:]
    let all = ScalarFunctions.signatures + AggregateFunction.allCases.map(\.signature) + collection
    for s in all where out[s.name] == nil { out[s.name] = s.usage }
    return out
  }()

  /// The reference's function tables, generated from the lists above (`help functions`, docs/LANGUAGE.md).
  static func markdown() -> String {
    func table(_ signatures: [FunctionSignature]) -> String {
      "| function | gives |\n|---|---|\n"
        + signatures.map { "| `\($0.usage)` | \($0.summary) |\n" }.joined()
    }
    return """
      Scalar functions work on every row of a row expression and on single values alike (one
      implementation, so missing values, rounding and overflow follow one rule); missing in gives missing
      out unless the function says otherwise.

      \(table(ScalarFunctions.signatures))
      Aggregates, in `aggregate` (after `group by`, or over the whole table):

      \(table(AggregateFunction.allCases.map(\.signature)))
      Of a whole table or list, in value expressions:

      \(table(collection))
      """
  }
}
