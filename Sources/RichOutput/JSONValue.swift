/// A JSON document as a value.
///
/// Integers and floating-point numbers are kept apart so that `execution_count` is written as `1`, not `1.0`.
/// Objects are unordered; ``JSONWriter`` writes their keys sorted so that output is byte-stable.
/// Non-finite doubles are never written as `NaN`/`Infinity` (invalid JSON): see ``JSONWriter``.
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
}

extension JSONValue {
  /// The string payload, or `nil` for any other case.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  /// The integer payload; a double with an integral value also counts.
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
    default: return nil
    }
  }
  /// The numeric payload as a double.
  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
  public var objectValue: [String: JSONValue]? {
    if case .object(let o) = self { return o }
    return nil
  }
  /// Member lookup on objects; `nil` on anything else.
  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    var o: [String: JSONValue] = [:]
    for (k, v) in elements { o[k] = v }
    self = .object(o)
  }
  public init(nilLiteral: ()) { self = .null }
}
