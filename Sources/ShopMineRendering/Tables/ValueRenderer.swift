import JupyterProtocol
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
}
