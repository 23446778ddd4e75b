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
  static let rowNames = Set(ScalarFunctions.names + AggregateFunction.names + WindowFunctions.names).sorted()

  /// Names that are only window functions (`first` and `last` are aggregates too).
  static let windowOnly = Set(WindowFunctions.names).subtracting(ScalarFunctions.names + AggregateFunction.names)

  /// Functions known in value expressions, sorted.
  static let valueNames = Set(ScalarFunctions.names + collection.map(\.name)).sorted()

  /// Every function name, sorted.
  static let names = Set(rowNames + valueNames).sorted()

  /// How each name is written (the first signature of a name shared by several kinds), for completion.
  static let usage: [String: String] = {
    var out: [String: String] = [:]
    let all =
      ScalarFunctions.signatures + AggregateFunction.allCases.map(\.signature) + WindowFunctions.signatures
      + collection
    for s in all where out[s.name] == nil { out[s.name] = s.usage }
    return out
  }()

  /// Every entry named `name` (a name may be an aggregate and a window function: `first`), as Markdown for
  /// inspection: how each is written and what it gives; `nil` for no function.
  static func describe(_ name: String) -> String? {
    let kinds: [(String, [FunctionSignature])] = [
      ("function", ScalarFunctions.signatures), ("aggregate", AggregateFunction.allCases.map(\.signature)),
      ("window function, in `derive`", WindowFunctions.signatures), ("of a table or list", collection),
    ]
    var lines: [String] = []
    for (kind, list) in kinds {
      for s in list where s.name == name { lines.append("`\(s.usage)` (\(kind)): \(s.summary)") }
    }
    return lines.isEmpty ? nil : lines.joined(separator: "\n\n") + "\n"
  }

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
      Window functions, in `derive`: each row's value from its neighbours in a window. Without `over` the
      window is the whole table in its current row order (after `sort day`, `lag(revenue)` is the day
      before); `over (by a, b order k desc, …)` partitions the rows by `a, b` and orders each partition
      by the `order` keys (stable: ties keep the input order; missing keys last). The result keeps the
      input's row order. The ranking functions rank by their own arguments (`dense_rank(revenue desc)`)
      or by `order`; ties share a rank and missing keys rank last (pandas `rank(na_option="bottom")`, SQL
      `NULLS LAST`). Missing values follow pandas: `lag`/`lead` are `shift`, the cumulative functions
      skip them, `rolling_…(x, N)` needs N present values (missing for the first N − 1 rows), and
      `rolling_…(x, 7 days) over (order t)` averages the rows in `(t − 7 days, t]` with at least one
      present value (`rolling("7D", on=t)`). The span is a whole number of `weeks`, `days`, `hours`,
      `minutes` or `seconds`.

      ```
      daily | sort day | derive prev = lag(revenue), week_avg = rolling_mean(revenue, 7), total = cumsum(revenue)
      orders | derive n = row_number() over (by user_id order ts), spend_rank = dense_rank(revenue desc) over (by category)
      ```

      \(table(WindowFunctions.signatures))
      Of a whole table or list, in value expressions:

      \(table(collection))
      """
  }
}
