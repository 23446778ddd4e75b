/// A window function call as written: `rank(revenue desc) over (by category)`,
/// `rolling_mean(revenue, 7 days) over (order day)`. The parser builds one when a call of a window
/// function has `over`, a `desc`/`asc` key or a time span; a plain `lag(x)` stays a call.
public struct WindowExpr: Sendable, Hashable {
  public var name: String
  public var nameSpan: SourceSpan
  public var arguments: [Expr]
  /// Per argument, whether `desc` follows it.
  public var descending: [Bool]
  /// A time span (`7 days`) written as the last argument, in microseconds, with its span.
  public var timeSpan: (microseconds: Int64, span: SourceSpan)? {
    get { timeSpanValue.map { ($0, timeSpanSpan ?? nameSpan) } }
    set {
      timeSpanValue = newValue?.microseconds
      timeSpanSpan = newValue?.span
    }
  }
  private var timeSpanValue: Int64?
  private var timeSpanSpan: SourceSpan?
  /// `over (by …)`.
  public var partition: [Expr]
  /// `over (… order …)`.
  public var order: [SortKey]
  /// Whether `over (…)` was written.
  public var hasOver: Bool

  init(name: String, nameSpan: SourceSpan, arguments: [Expr], descending: [Bool]) {
    self.name = name
    self.nameSpan = nameSpan
    self.arguments = arguments
    self.descending = descending
    partition = []
    order = []
    hasOver = false
  }

  /// Every expression in it, in source order.
  public var expressions: [Expr] { arguments + partition + order.map(\.expr) }
}
