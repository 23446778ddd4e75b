import ShopMineData

extension Value {
  /// The text of a string value.
  var text: String? {
    if case .string(let s) = self { return s }
    return nil
  }
}

/// Gathers one result column from a database's values into ShopMine's type for it: the type ShopMine
/// computed for the step when there is one (a PostgreSQL `numeric` sum of integers is an integer again,
/// SQLite's 0/1 a boolean, its timestamp text a timestamp), otherwise what the values are.
struct ResultColumnBuilder {
  let name: String
  let type: ColumnType?
  private var ints: [Int64] = []
  private var floats: [Double] = []
  private var bools: [Bool] = []
  private var strings: [String?] = []
  private var valid: [Bool] = []
  private var values: [Value] = []

  init(name: String, type: ColumnType?) {
    self.name = name
    self.type = type
  }

  mutating func appendMissing() {
    switch type {
    case .int?, .timestamp?: ints.append(0)
    case .float?: floats.append(.nan)
    case .bool?: bools.append(false)
    case .string?: strings.append(nil)
    case nil: values.append(.missing)
    }
    valid.append(false)
  }

  /// Appends one value; `row` (0-based) names it in an error.
  mutating func append(_ value: Value, row: Int) throws(TableError) {
    guard let type else {
      values.append(value)
      return
    }
    switch (type, value) {
    case (.int, .int(let i)): ints.append(i)
    case (.int, .float(let d)) where d.rounded() == d && abs(d) < 9.2e18: ints.append(Int64(d))
    case (.float, .int(let i)): floats.append(Double(i))
    case (.float, .float(let d)): floats.append(d)
    case (.bool, .int(let i)) where i == 0 || i == 1: bools.append(i == 1)
    case (.bool, .bool(let b)): bools.append(b)
    case (.timestamp, .timestamp(let t)): ints.append(t)
    case (.timestamp, .string(let s)):
      guard let t = Timestamp.parse(s) else { throw mismatch(value, row) }
      ints.append(t)
    case (.string, .string(let s)): strings.append(s)
    case (.string, _): strings.append(value.displayText)
    default: throw mismatch(value, row)
    }
    valid.append(true)
  }

  private func mismatch(_ value: Value, _ row: Int) -> TableError {
    TableError(
      code: .typeMismatch,
      message:
        "column '\(name)' holds \(value.displayText) at row \(row + 1), which does not read as \(type?.rawValue ?? "a value")",
      column: name)
  }

  func column() -> Column {
    let mask = valid.allSatisfy { $0 } ? nil : ValidityMask(valid)
    switch type {
    case .int?: return Column(name: name, ints: ints, validity: mask)
    case .float?: return Column(name: name, floats: floats, validity: mask)
    case .bool?: return Column(name: name, bools: bools, validity: mask)
    case .timestamp?: return Column(name: name, timestamps: ints, validity: mask)
    case .string?: return Column(name: name, strings: strings)
    case nil: return Column(name: name, values: values)
    }
  }
}
