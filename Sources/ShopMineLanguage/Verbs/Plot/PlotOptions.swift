/// The option words chart kinds share, so one word reads the same way in every `plot` kind.
public enum PlotOptions {
  public static let x = ParameterSpec("x", .column, "the column on the x axis")
  public static let y = ParameterSpec("y", .column, "the column on the y axis")
  public static let color = ParameterSpec(
    "color", .column,
    "colour by a column: categories keep one palette colour across the session's charts, numbers get a colour bar")
  public static let size = ParameterSpec("size", .column, "scatter: point area proportional to a numeric column")
  public static let labels = ParameterSpec("labels", .column, "scatter: write this column beside each point (≤ 300)")
  public static let facet = ParameterSpec("facet", .column, "one small panel per category of this column (≤ 24)")
  public static let by = ParameterSpec("by", .column, "box: one box per category of this column")
  public static let bins = ParameterSpec.integer("bins", in: 1...1000, "hist: how many bins; 20 when left out")
  public static let title = ParameterSpec("title", .value, "the chart title")
  public static let width = ParameterSpec.integer("width", default: 640, in: 160...4000, "width in pixels")
  public static let height = ParameterSpec.integer("height", default: 400, in: 120...4000, "height in pixels")
  public static let log = ParameterSpec("log", .word(["x", "y", "xy"]), "logarithmic axis: x, y or xy")
  /// `limits x 0..100`, `limits y [0, 50]`, `limits xy 0..100, 0..50`: spelled like `log x|y|xy`.
  public static let limits = ParameterSpec(
    "limits", .tagged(["x", "y", "xy"], .values),
    "axis limits: limits x 0..100, limits y [0, 50], or limits xy 0..100, 0..50 (x then y)")
  public static let xlim = ParameterSpec("xlim", .value, "x axis limits: [low, high]")
  public static let ylim = ParameterSpec("ylim", .value, "y axis limits: [low, high]")
  public static let horizontal = ParameterSpec("horizontal", .flag, "bar: bars grow to the right")
  /// Read by the `plot` verb itself, for every kind (like `set charts interactive` for one chart).
  public static let interactive = ParameterSpec(
    "interactive", .flag, "show the zoomable Vega-Lite view with tooltips instead of the picture")

  /// Title, size and log axes: what every table chart reads.
  static let frame = [title, width, height]
}
