/// Where the monetary value of each order line comes from.
public enum RFMValue: Sendable, Hashable {
  /// A numeric column of the orders table (the language derives it from `value price * quantity`).
  case column(String)
  /// One value per row of the orders table, already computed by the caller.
  case values([Double])
}

/// Which columns of an order-lines table feed an RFM analysis.
public struct RFMOptions: Sendable, Hashable {
  /// The customer key (any type); one output row per distinct customer, in ascending key order.
  public var customer: String
  /// The order time (timestamp, or integer microseconds since 1970); only its calendar day (UTC) is used.
  public var time: String
  /// The order key whose distinct values count as frequency; `nil` counts every row as one order.
  public var order: String?
  /// The monetary value of each row, summed per customer.
  public var value: RFMValue

  public init(customer: String, time: String, order: String? = "order_id", value: RFMValue) {
    self.customer = customer
    self.time = time
    self.order = order
    self.value = value
  }
}
