import ShopMineData

extension VerbSpec {
  /// `print "rows:", count(users)`: writes values to stdout, separated by spaces.
  static let print = VerbSpec(
    "print", summary: "write values to standard output", subject: .none,
    positionals: [ParameterSpec("values", .values, optional: true, "what to print")],
    evaluate: { inv throws(Diagnostic) in
      inv.sink.stream(.stdout, try PrintFormatting.line(inv))
      return .nothing
    })

  /// `warn "text"`: writes values to stderr.
  static let warn = VerbSpec(
    "warn", summary: "write values to standard error", subject: .none,
    positionals: [ParameterSpec("values", .values, optional: true, "what to write")],
    evaluate: { inv throws(Diagnostic) in
      inv.sink.stream(.stderr, try PrintFormatting.line(inv))
      return .nothing
    })
}

/// The text `print` and `warn` write: values as text joined by spaces, tables in full text form.
enum PrintFormatting {
  static func line(_ inv: VerbInvocation) throws(Diagnostic) -> String {
    var parts: [String] = []
    for e in inv.expressions("values") {
      let v = try inv.evaluate(e)
      parts.append(text(v, inv.session.displayOptions))
    }
    return parts.joined(separator: " ") + "\n"
  }

  static func text(_ v: RuntimeValue, _ options: DisplayOptions) -> String {
    switch v {
    case .scalar(let s): return ValueFormatter.text(s)
    default: return Displays.bundle(v, options).plainText ?? Displays.plain(v)
    }
  }
}
