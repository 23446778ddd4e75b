import ShopMineData

/// Formats scalar values as users read them, the same way everywhere (displays, `print`, errors).
public enum ValueFormatter {
  /// A value as a display shows it: strings in double quotes, `missing` spelled out.
  public static func plain(_ value: Value) -> String {
    if case .string(let s) = value { return quoted(s) }
    return text(value)
  }

  /// A value as `print` writes it: strings without quotes; the same text tables show.
  public static func text(_ value: Value) -> String { value.displayText }

  /// Shortest round-trip digits, with `inf`/`-inf`/`nan` spelled as ShopMine reads them.
  public static func number(_ d: Double) -> String { Value.float(d).displayText }

  static func quoted(_ s: String) -> String { Value.stringLiteral(s) }

  /// ISO-8601 in UTC as tables show it: `2024-03-01` at midnight, else `2024-03-01T12:30:00`.
  public static func timestamp(_ micros: Int64) -> String { Timestamp.format(micros) }
}
