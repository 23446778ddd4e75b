/// What the `plot` verb asks for: a chart kind, the columns it uses, and presentation options.
///
/// | kind      | required            | optional                                            |
/// |-----------|---------------------|-----------------------------------------------------|
/// | scatter   | x, y                | color, size, label, facet, logX/logY, limits        |
/// | hist      | x (the value)       | bins, color (stacked groups), logY                  |
/// | bar       | x (category), y     | color, horizontal                                   |
/// | line      | x (number or time), y | color (one line per group), logY, limits          |
/// | box       | y (value)           | by (category)                                       |
/// | heatmap   | —                   | x (row-label column, default `column`), cellLabels  |
public struct ChartSpec: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case scatter, hist, bar, line, box, heatmap
  }

  public var kind: Kind
  public var x: String?
  public var y: String?
  public var color: String?
  public var size: String?
  public var label: String?
  /// The grouping column of a box plot (`plot box users spend by city`).
  public var by: String?
  /// Small multiples: one panel per category of this column.
  public var facet: String?
  public var bins: Int?
  public var title: String?
  public var width: Int
  public var height: Int
  public var logX: Bool
  public var logY: Bool
  public var xLimits: ClosedRange<Double>?
  public var yLimits: ClosedRange<Double>?
  /// Bars grow to the right with categories down the y axis.
  public var horizontal: Bool
  /// Heatmap cell values as text; `nil` shows them when the matrix has at most 20 × 20 cells.
  public var cellLabels: Bool?

  public init(
    kind: Kind, x: String? = nil, y: String? = nil, color: String? = nil, size: String? = nil, label: String? = nil,
    by: String? = nil, facet: String? = nil, bins: Int? = nil, title: String? = nil, width: Int = 640,
    height: Int = 400, logX: Bool = false, logY: Bool = false, xLimits: ClosedRange<Double>? = nil,
    yLimits: ClosedRange<Double>? = nil, horizontal: Bool = false, cellLabels: Bool? = nil
  ) {
    self.kind = kind
    self.x = x
    self.y = y
    self.color = color
    self.size = size
    self.label = label
    self.by = by
    self.facet = facet
    self.bins = bins
    self.title = title
    self.width = width
    self.height = height
    self.logX = logX
    self.logY = logY
    self.xLimits = xLimits
    self.yLimits = yLimits
    self.horizontal = horizontal
    self.cellLabels = cellLabels
  }
}

/// Why a chart could not be drawn; names the column or option at fault.
///
/// A public struct around a code (new codes do not break callers), like ``TableError``; the language
/// turns it into a diagnostic and can offer `candidates` as "did you mean".
public struct ChartError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Code: Sendable, Hashable {
    case unknownColumn
    case notNumeric
    case missingOption
    case invalidOption
    case noData
    /// The statement was interrupted (the kernel's interrupt set the cancellation token).
    case interrupted
  }
  public let code: Code
  public let message: String
  public let column: String?
  public let candidates: [String]

  public init(code: Code, message: String, column: String? = nil, candidates: [String] = []) {
    self.code = code
    self.message = message
    self.column = column
    self.candidates = candidates
  }

  public var description: String { message }

  static let interrupted = ChartError(code: .interrupted, message: "interrupted")

  static func unknownColumn(_ name: String, available: [String]) -> ChartError {
    ChartError(code: .unknownColumn, message: "unknown column '\(name)'", column: name, candidates: available)
  }
  static func notNumeric(_ name: String, type: String, role: String) -> ChartError {
    ChartError(code: .notNumeric, message: "column '\(name)' is \(type), but \(role) needs numbers", column: name)
  }
  static func missingOption(_ option: String, kind: ChartSpec.Kind, example: String) -> ChartError {
    ChartError(code: .missingOption, message: "plot \(kind.rawValue) needs '\(option)' (for example: \(example))")
  }
  static func invalidOption(_ message: String) -> ChartError {
    ChartError(code: .invalidOption, message: message)
  }
  static func noData(_ message: String) -> ChartError {
    ChartError(code: .noData, message: message)
  }
}
