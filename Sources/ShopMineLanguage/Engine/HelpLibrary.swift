import Foundation
import JupyterProtocol
import ShopMineRendering

/// Help texts: the markdown files in `Help/`, one per verb, the same text as docs/LANGUAGE.md.
public enum HelpLibrary {
  /// Topics that are not verbs: `language` is its own file; `expressions` and `functions` show the
  /// reference's sections on row and value expressions and its generated function tables.
  static let topics = ["language", "expressions", "functions", "strings", "def", "for"]

  /// The reference sections a topic shows, by heading.
  private static let topicSections = [
    "expressions": ["Row expressions", "Value expressions"], "functions": ["Functions"],
    "strings": ["Strings and interpolation"], "def": ["Reusable steps: def and for"],
    "for": ["Reusable steps: def and for"],
  ]

  /// The help text for a verb (by name or alias) or a topic; `nil` if there is none.
  ///
  /// A verb's text is its help file with the options section generated from its spec (types, defaults
  /// and ranges as declared) put before the example; a verb without a file gets its usage and options.
  public static func text(for topic: String, catalog: VerbCatalog = .standard) -> String? {
    if let spec = catalog.spec(topic) {
      guard let file = load(spec.helpFile) else { return generated(spec) }
      return withOptions(file, spec)
    }
    if let headings = topicSections[topic], let reference = load("reference") {
      return headings.compactMap { section($0, of: reference) }.joined(separator: "\n")
    }
    return load(topic)
  }

  /// The `## heading` section of `markdown`, up to the next `## ` heading.
  static func section(_ heading: String, of markdown: String) -> String? {
    guard let start = markdown.range(of: "\n## \(heading)\n") else { return nil }
    let body = markdown[start.upperBound...]
    let end = body.range(of: "\n## ")?.lowerBound ?? body.endIndex
    return "## \(heading)\n" + body[..<end] + "\n"
  }

  /// `file` with ``optionsSection(_:)`` inserted before its `Example` paragraph (at the end if none).
  static func withOptions(_ file: String, _ spec: VerbSpec) -> String {
    guard let section = optionsSection(spec) else { return file }
    if let example = file.range(of: "\nExample") {
      return String(file[..<example.lowerBound]) + "\n" + section + String(file[example.lowerBound...])
    }
    return file + "\n" + section
  }

  /// `Options:` (or `Arguments:`, or both) and one line per parameter with a description: the words to
  /// write, what it does, its default and allowed values as declared. `nil` for a verb without described
  /// parameters.
  static func optionsSection(_ spec: VerbSpec) -> String? {
    func line(_ p: ParameterSpec, written: String) -> String {
      let facts = [p.rule.defaultText.map { "default \($0)" }, p.rule.rangeText].compactMap { $0 }
      let tail = facts.isEmpty ? "" : " (\(facts.joined(separator: "; ")))"
      return "- `\(written)`: \(p.summary)\(tail)"
    }
    let arguments = spec.positionals.filter { !$0.summary.isEmpty }.map { p in
      switch p.kind {
      case .word, .wordOrValue: return line(p, written: p.kind.placeholder)
      default: return line(p, written: p.name.uppercased())
      }
    }
    let options = spec.options.filter { !$0.summary.isEmpty }.map { p in
      switch p.kind {
      case .flag: return line(p, written: p.name)
      case .value: return line(p, written: "\(p.name) \(p.rule.placeholder)")
      default: return line(p, written: "\(p.name) \(p.kind.placeholder)")
      }
    }
    let heading: String
    switch (arguments.isEmpty, options.isEmpty) {
    case (true, true): return nil
    case (false, false): heading = "Arguments and options"
    case (true, false): heading = "Options"
    case (false, true): heading = "Arguments"
    }
    return heading + ":\n\n" + (arguments + options).joined(separator: "\n") + "\n"
  }

  /// `help` without a topic: the overview and a table of every verb.
  public static func overview(catalog: VerbCatalog = .standard) -> String {
    var text = load("language") ?? "# ShopMine\n"
    text += "\n## Verbs\n\n"
    for spec in catalog.specs {
      text += "- `\(spec.name)` — \(spec.summary)\n"
    }
    text += "\nType `help VERB` for a verb's syntax, options and an example; "
    text += topics.map { "`help \($0)`" }.joined(separator: ", ") + " for the rest of the language.\n"
    return text
  }

  /// The `execute_reply` payload that opens the pager.
  public static func pagerPayload(_ text: String) -> JSONValue {
    ExecutePayload.page(bundleData(text))
  }

  /// A help text as MIME data: the Markdown source as `text/markdown`, which JupyterLab and Notebook render,
  /// and as plain text (no fences or backticks) for `text/plain`, which `jupyter console` pages as it is.
  public static func bundleData(_ markdown: String) -> [String: JSONValue] {
    ["text/plain": .string(MarkdownPlainText.render(markdown)), "text/markdown": .string(markdown)]
  }

  static func generated(_ spec: VerbSpec) -> String {
    let text = "## \(spec.name)\n\n\(spec.summary).\n\n```\n\(spec.usage)\n```\n"
    return optionsSection(spec).map { text + "\n" + $0 } ?? text
  }

  /// The help file `name`.md, or nil. A lookup, never a path: a name cannot reach outside `Help/`.
  /// The reference's `{{functions}}` is replaced by the tables generated from ``FunctionCatalog``.
  static func load(_ name: String) -> String? {
    name == "reference" ? reference : files[name]
  }

  /// The reference with its function tables filled in, built once.
  private static let reference: String? = files["reference"]?.replacingOccurrences(
    of: "{{functions}}", with: FunctionCatalog.markdown())

  /// Every help file by name, read once: inspection asks for a verb's help as the user types (a bundle
  /// lookup and a file read per request before), and the files never change while the process runs.
  private static let files: [String: String] = {
    guard let directory = Bundle.module.url(forResource: "Help", withExtension: nil),
      let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
    else { return [:] }
    var files: [String: String] = [:]
    for name in names where name.hasSuffix(".md") {
      if let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) {
        files[String(name.dropLast(3))] = text
      }
    }
    return files
  }()
}
