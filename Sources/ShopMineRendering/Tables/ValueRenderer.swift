import RichOutput
import ShopMineData

/// Renders a scalar (`count(users)`, `mean(spend)`, a date) as a `text/plain` bundle.
public enum ValueRenderer {
  /// `text/plain` of `value`: floats at `precision` decimals with trailing zeros trimmed, timestamps
  /// ISO-8601, strings as they are, `missing` for a missing value.
  public static func bundle(_ value: Value, precision: Int = TableOptions.default.precision) -> MIMEBundle {
    .plain(text(value, precision: precision))
  }

  /// The text alone, for `print` and string interpolation.
  public static func text(_ value: Value, precision: Int = TableOptions.default.precision) -> String {
    if case .float(let d) = value, d.isFinite, !CellFormatter.needsScientific(d, precision: precision) {
      return DecimalFormat.trimmed(d, maxDecimals: precision)
    }
    return CellFormatter.format(value, precision: precision)
  }

  /// A value as a summary shows it beside its name (`inertia  2,570,772`, `silhouette  0.7749`): grouped
  /// thousands and, for floats, the table policy for one value — at most `precision` decimals and five
  /// significant digits, trailing zeros trimmed. Unlike ``text(_:precision:)`` it is for reading, not
  /// for pasting back as a literal.
  public static func readable(_ value: Value, precision: Int = TableOptions.default.precision) -> String {
    switch value {
    case .int(let i):
      return DecimalFormat.groupThousands(String(i))
    case .float(let d) where d.isFinite && !CellFormatter.needsScientific(d, precision: precision):
      let decimals = DecimalFormat.decimals(keeping: CellFormatter.significantDigits, at: abs(d), precision: precision)
      return DecimalFormat.groupThousands(DecimalFormat.trimmed(d, maxDecimals: decimals))
    default:
      return text(value, precision: precision)
    }
  }
}
