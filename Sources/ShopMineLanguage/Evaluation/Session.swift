import ShopMineData
import ShopMineRendering

/// The state a notebook builds up: bindings and settings. A value: a statement works on a copy and the
/// copy is kept only when the statement succeeds, so a failing statement changes no binding.
public struct Session: Sendable {
  /// Bound values by name.
  public private(set) var bindings: [String: RuntimeValue] = [:]
  /// Names in the order they were first bound (for `vars` and completion; never dictionary order).
  public private(set) var order: [String] = []
  /// `set rows N`: table rows shown.
  public var rows: Int = 10
  /// `set precision N`: float digits in tables.
  public var precision: Int = 4
  /// `set width N`: characters a table cell shows before `…`.
  public var width: Int = TableOptions.default.maxCellWidth
  /// `set seed N`: the seed verbs use when none is given.
  public var seed: UInt64 = 0
  /// `set theme auto|light|dark`: background and ink of charts (``ChartTheme``).
  public var chartTheme: ChartTheme.Name = .auto
  /// `set charts interactive|static`: whether `plot` leaves out the `<img>` so front ends show Vega-Lite.
  public var interactiveCharts = false
  /// The palette slot of every category charts have coloured so far, so a category keeps its colour
  /// from chart to chart (``CategoryColors``). Kept only when the statement succeeds, like bindings.
  public var chartColors = CategoryColors()

  public init() {}

  public subscript(name: String) -> RuntimeValue? { bindings[name] }

  /// Binds `name`, keeping its place in ``order`` when it was bound before.
  public mutating func bind(_ name: String, _ value: RuntimeValue) {
    if bindings.updateValue(value, forKey: name) == nil { order.append(name) }
  }

  /// Removes `name`; returns whether it was bound.
  @discardableResult
  public mutating func remove(_ name: String) -> Bool {
    guard bindings.removeValue(forKey: name) != nil else { return false }
    order.removeAll { $0 == name }
    return true
  }

  public var displayOptions: DisplayOptions { DisplayOptions(rows: rows, precision: precision, width: width) }
}
