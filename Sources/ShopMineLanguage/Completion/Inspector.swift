import JupyterProtocol
import ShopMineData

/// Inspect (Shift-Tab): a verb's help, or what a name is bound to.
struct Inspector {
  let catalog: VerbCatalog
  let session: Session

  func inspect(_ code: String, cursor: Int, detailLevel: Int) -> InspectionResult {
    let source = SourceText(code)
    let scalars = source.scalars
    let cursor = max(0, min(cursor, scalars.count))
    // The identifier under or right before the cursor.
    var start = cursor
    while start > 0, Lexer.isIdentifierContinue(scalars[start - 1]) { start -= 1 }
    var end = cursor
    while end < scalars.count, Lexer.isIdentifierContinue(scalars[end]) { end += 1 }
    // Inside backquotes: take the whole quoted name.
    var word = source.text(start..<end)
    if let q = backquoted(scalars, at: cursor) { word = q }
    guard !word.isEmpty else { return .notFound }
    if let value = session[word] {
      let (plain, markdown) = describe(word, value, detailLevel: detailLevel)
      return InspectionResult(
        found: true,
        bundle: MIMEBundle(data: [
          "text/plain": .string(plain),
          "text/markdown": .string(markdown),
        ]))
    }
    // `first`, `last`, `value` are verbs only after `|`; elsewhere `first(x)` is the function.
    let afterPipe = scalars[..<start].last(where: { $0 != " " && $0 != "\t" }) == "|"
    if catalog.spec(word)?.subject == .piped, !afterPipe, let function = FunctionCatalog.describe(word) {
      return InspectionResult(found: true, bundle: MIMEBundle(data: HelpLibrary.bundleData(function)))
    }
    if let help = HelpLibrary.text(for: word, catalog: catalog) {
      return InspectionResult(found: true, bundle: MIMEBundle(data: HelpLibrary.bundleData(help)))
    }
    if let function = FunctionCatalog.describe(word) {
      return InspectionResult(found: true, bundle: MIMEBundle(data: HelpLibrary.bundleData(function)))
    }
    return .notFound
  }

  private func backquoted(_ scalars: [Unicode.Scalar], at cursor: Int) -> String? {
    var lineStart = cursor
    while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
    var open: Int?
    var i = lineStart
    var lastOpen: Int?
    while i < scalars.count, scalars[i] != "\n" {
      if scalars[i] == "`" {
        if let o = open {
          if o < cursor, cursor <= i { lastOpen = o; return SourceText.string(scalars[(o + 1)..<i]) }
          open = nil
        } else {
          open = i
        }
      }
      i += 1
    }
    _ = lastOpen
    return nil
  }

  private func describe(_ name: String, _ value: RuntimeValue, detailLevel: Int) -> (String, String) {
    var plain = "\(name): \(value.kind)"
    if !value.shape.isEmpty { plain += ", \(value.shape)" }
    var markdown = "**\(name)** — \(value.kind)" + (value.shape.isEmpty ? "" : ", \(value.shape)")
    if let remote = value.object((any DeferredTable).self) {
      // A remote table's or a Parquet file's columns and types, known without reading (missing counts are not).
      plain += "\ncolumns:" + remote.prototype.columns.map { "\n  \($0.name)  \($0.type.rawValue)" }.joined()
      markdown +=
        "\n\n| column | type |\n|---|---|\n"
        + remote.prototype.columns.map { "| \($0.name) | \($0.type.rawValue) |\n" }.joined()
    }
    if case .table(let t) = value {
      plain += "\ncolumns:"
      markdown += "\n\n| column | type | missing |\n|---|---|---|\n"
      for c in t.columns {
        plain += "\n  \(c.name)  \(c.type.rawValue)" + (c.missingCount > 0 ? "  (\(c.missingCount) missing)" : "")
        markdown += "| \(c.name) | \(c.type.rawValue) | \(c.missingCount) |\n"
      }
    }
    return (plain, markdown)
  }
}
