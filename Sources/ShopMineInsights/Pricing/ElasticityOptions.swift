/// How order lines are turned into (price, quantity) observations before fitting.
public enum ElasticityAggregation: Sendable, Hashable {
  /// Every row is one observation.
  case none
  /// One observation per distinct price in a group: that price and the mean quantity per row at it
  /// (a mean, so how often a price was offered does not weigh on the curve).
  case pricePoint
  /// One observation per group and calendar day (UTC) of the named time column: the mean price and the
  /// total quantity of that day.
  case day(time: String)
}

/// Columns and settings of a price-elasticity fit.
public struct ElasticityOptions: Sendable, Hashable {
  public var price: String
  public var quantity: String
  /// Fit one model per value of this column; `nil` fits one model over all rows (group label "all").
  public var group: String?
  public var aggregation: ElasticityAggregation
  /// Confidence level of the interval on ε (0.95 gives the 95 % interval).
  public var confidence: Double

  public init(
    price: String = "price", quantity: String = "quantity", group: String? = nil,
    aggregation: ElasticityAggregation = .none, confidence: Double = 0.95
  ) {
    self.price = price
    self.quantity = quantity
    self.group = group
    self.aggregation = aggregation
    self.confidence = confidence
  }
}

/// One group's fitted demand: the log-log (constant elasticity) model and the linear model on the same
/// observations.
public struct ElasticityEstimate: Sendable, Hashable {
  /// The group key as text ("all" without a group column).
  public var group: String
  /// ε, the slope of ln Q on ln P (NaN when it cannot be estimated; see ``note``).
  public var elasticity: Double
  /// a in ln Q = a + ε ln P.
  public var intercept: Double
  /// Standard error of ε: √(SSE / (n − 2) / Sxx); NaN when n < 3.
  public var standardError: Double
  /// Confidence interval ε ± t_{(1+level)/2, n−2} · SE.
  public var ciLow: Double
  public var ciHigh: Double
  /// R² = 1 − SSE / SST of the log-log fit.
  public var rSquared: Double
  /// Observations used (after aggregation and dropping non-positive prices or quantities).
  public var n: Int
  /// Rows left out: a missing, zero or negative price or quantity (logarithms need positive values).
  public var dropped: Int
  /// Observed price range of the group's observations.
  public var priceMin: Double
  public var priceMax: Double
  /// Linear demand Q = a − b·P fitted by OLS on the same observations.
  public var linearA: Double
  public var linearB: Double
  /// Empty when the fit is fine, otherwise why a number is missing.
  public var note: String
}
