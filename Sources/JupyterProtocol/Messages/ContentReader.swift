/// Typed access to a request's content object; each accessor names the field and message when it fails.
struct ContentReader {
  let msgType: String
  let fields: [String: JSONValue]

  init(_ content: JSONValue, msgType: String) throws(WireError) {
    guard case .object(let fields) = content else { throw .invalidContent(msgType, "not a JSON object") }
    self.msgType = msgType
    self.fields = fields
  }

  func string(_ key: String, default fallback: String? = nil) throws(WireError) -> String {
    switch fields[key] {
    case .string(let s)?: return s
    case nil, .null?:
      if let fallback { return fallback }
      throw .invalidContent(msgType, "missing '\(key)'")
    default: throw .invalidContent(msgType, "'\(key)' must be a string")
    }
  }

  func optionalString(_ key: String) throws(WireError) -> String? {
    switch fields[key] {
    case .string(let s)?: return s
    case nil, .null?: return nil
    default: throw .invalidContent(msgType, "'\(key)' must be a string")
    }
  }

  func bool(_ key: String, default fallback: Bool) throws(WireError) -> Bool {
    switch fields[key] {
    case .bool(let b)?: return b
    case nil, .null?: return fallback
    default: throw .invalidContent(msgType, "'\(key)' must be a boolean")
    }
  }

  func int(_ key: String, default fallback: Int?) throws(WireError) -> Int? {
    switch fields[key] {
    case nil, .null?: return fallback
    case let value?:
      guard let i = value.intValue else { throw .invalidContent(msgType, "'\(key)' must be an integer") }
      return i
    }
  }

  func object(_ key: String) throws(WireError) -> [String: JSONValue] {
    switch fields[key] {
    case .object(let o)?: return o
    case nil, .null?: return [:]
    default: throw .invalidContent(msgType, "'\(key)' must be an object")
    }
  }
}
