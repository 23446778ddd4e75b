/// One lexical token of the ShopMine language.
public struct Token: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// A name: a Unicode identifier or a backquoted `` `Customer ID` ``.
    case identifier(String, quoted: Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    /// An operator or punctuation, spelled as in the source (`|`, `==`, `..`, `(`…).
    case symbol(String)
    /// The end of a statement (a newline or `;` outside brackets and continuations).
    case newline
    case end
  }
  public var kind: Kind
  public var span: SourceSpan
  /// Whether whitespace or a comment came right before this token (so `f(x)` is a call and `bar (x)`
  /// is a word followed by a parenthesised value).
  public var spaceBefore: Bool

  public init(_ kind: Kind, _ span: SourceSpan, spaceBefore: Bool) {
    self.kind = kind
    self.span = span
    self.spaceBefore = spaceBefore
  }

  /// The identifier's name, if this is an identifier.
  public var identifier: String? {
    if case .identifier(let name, _) = kind { return name }
    return nil
  }
  /// The bare (unquoted) identifier's name: keywords and option words are never backquoted.
  public var word: String? {
    if case .identifier(let name, let quoted) = kind, !quoted { return name }
    return nil
  }
  public func isSymbol(_ s: String) -> Bool {
    if case .symbol(let t) = kind { return t == s }
    return false
  }
  public func isWord(_ w: String) -> Bool { word == w }
  public var isEnd: Bool {
    switch kind {
    case .newline, .end: return true
    default: return false
    }
  }

  /// How the token reads in an error message.
  public var describe: String {
    switch kind {
    case .identifier(let n, let q): return q ? "`\(n)`" : "'\(n)'"
    case .integer(let i): return "'\(i)'"
    case .float(let d): return "'\(d)'"
    case .string: return "a string"
    case .symbol(let s): return "'\(s)'"
    case .newline: return "end of line"
    case .end: return "end of input"
    }
  }
}
