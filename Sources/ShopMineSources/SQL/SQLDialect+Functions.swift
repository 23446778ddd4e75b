import ShopMineData

/// The functions every dialect writes alike: SQLite and PostgreSQL share these spellings, and with the
/// arguments checked here both give exactly ShopMine's result. A dialect asks for them after its own.
extension SQLDialect {
  /// The text of a `'…'` literal a dialect wrote, or `nil` for any other SQL.
  static func stringLiteral(_ sql: String) -> String? {
    guard sql.count >= 2, sql.hasPrefix("'"), sql.hasSuffix("'") else { return nil }
    let body = sql.dropFirst().dropLast()
    guard !body.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
    return body.replacingOccurrences(of: "''", with: "'")
  }

  /// A whole-number literal of at least `minimum` (a position or a length written in the call).
  static func wholeLiteral(_ x: SQLOperand, atLeast minimum: Int64) -> Int64? {
    guard x.type == .int, let k = Int64(x.sql), k >= minimum, k <= Int64(Int32.max) else { return nil }
    return k
  }

  /// `case when`, durations, text slices and replacement, `concat`, and `string` of an int; `nil` for the
  /// rest.
  func sharedFunction(_ name: String, _ args: [SQLOperand], result: ColumnType) -> String? {
    let a = args.map(\.sql)
    let text = args.first?.type == .string
    switch (name, a.count) {
    case (CaseWhen.name, _):
      // A missing condition is not true in SQL's CASE either; the branches' common type is ShopMine's.
      guard a.count % 2 == 1, a.count >= 3 else { return nil }
      let branches = stride(from: 0, to: a.count - 1, by: 2).map { "WHEN \(a[$0]) THEN \(a[$0 + 1])" }
      return "(CASE \(branches.joined(separator: " ")) ELSE \(a[a.count - 1]) END)"
    case (_, 1) where Durations.microsecondsPerUnit[name] != nil:
      // The number times the unit in days, the one IEEE multiplication ShopMine does.
      guard args[0].type == .int || args[0].type == .float, let unit = Durations.microsecondsPerUnit[name],
        let scale = float(Double(unit) / Double(Timestamp.microsPerDay))
      else { return nil }
      return "(\(a[0]) * \(scale))"
    case ("substring", 2), ("substring", 3):
      // Positions count code points in both databases (UTF-8), as ShopMine counts Unicode scalars.
      guard text, let start = Self.wholeLiteral(args[1], atLeast: 1) else { return nil }
      if a.count == 2 { return "substr(\(a[0]), \(start))" }
      guard let length = Self.wholeLiteral(args[2], atLeast: 0) else { return nil }
      return "substr(\(a[0]), \(start), \(length))"
    case ("left", 2):
      guard text, let k = Self.wholeLiteral(args[1], atLeast: 0) else { return nil }
      return "substr(\(a[0]), 1, \(k))"
    case ("replace", 3):
      // Plain text replaced in code points; ShopMine matches whole characters, which differs only where a
      // combining mark follows the text replaced (as `contains`).
      guard text, args[1].type == .string, args[2].type == .string, Self.stringLiteral(a[1]) != nil,
        Self.stringLiteral(a[2]) != nil
      else { return nil }
      return "replace(\(a[0]), \(a[1]), \(a[2]))"
    case ("starts_with", 2):
      guard text, let prefix = Self.stringLiteral(a[1]), !prefix.isEmpty else { return nil }
      return compare("=", SQLOperand("substr(\(a[0]), 1, \(prefix.unicodeScalars.count))", .string), args[1])
    case ("concat", _):
      guard args.allSatisfy({ $0.type == .string || $0.type == nil }) else { return nil }
      return "(" + a.map { "coalesce(\($0), '')" }.joined(separator: " || ") + ")"
    case ("string", 1) where args[0].type == .int, ("str", 1) where args[0].type == .int:
      return "CAST(\(a[0]) AS TEXT)"
    default:
      return nil
    }
  }
}
