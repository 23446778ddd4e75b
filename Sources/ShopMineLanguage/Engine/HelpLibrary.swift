import Foundation
import JupyterProtocol
import ShopMineRendering

/// Help texts: the markdown files in `Help/`, one per verb, the same text as docs/LANGUAGE.md.
public enum HelpLibrary {
  /// Topics that are not verbs but have a help file.
  static let topics = ["language", "expressions", "functions"]

  /// The help text for a verb (by name or alias) or a topic; `nil` if there is none.
  public static func text(for topic: String, catalog: VerbCatalog = .standard) -> String? {
    if let spec = catalog.spec(topic) {
      if let file = load(spec.helpFile) { return file }
      // A verb without a help file still gets its usage and options.
      return generated(spec)
    }
    return load(topic)
  }

  /// `help` without a topic: the overview and a table of every verb.
  public static func overview(catalog: VerbCatalog = .standard) -> String {
    var text = load("language") ?? "# ShopMine\n"
    text += "\n## Verbs\n\n"
    for spec in catalog.specs {
      text += "- `\(spec.name)` — \(spec.summary)\n"
    }
    text += "\nType `help VERB` for a verb's syntax, options and an example.\n"
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
    var text = "# \(spec.name)\n\n\(spec.summary).\n\n```\n\(spec.usage)\n```\n"
    let params = spec.positionals + spec.options
    if !params.isEmpty {
      text += "\n"
      for p in params where !p.summary.isEmpty { text += "- `\(p.name)`: \(p.summary)\n" }
    }
    return text
  }

  /// The help file `name`.md, or nil. A lookup, never a path: a name cannot reach outside `Help/`.
  static func load(_ name: String) -> String? { files[name] }

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
