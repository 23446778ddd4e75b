import JupyterProtocol

extension LanguageDescription {
  /// What `kernel_info_reply` says about ShopMine (reasons for the lexer choices in docs/LANGUAGE.md).
  public static let shopMine = LanguageDescription(
    name: "shopmine",
    version: "0.1.0",
    mimetype: "text/x-shopmine",
    fileExtension: ".mine",
    // Pygments' "bash" lexer: `#` comments, strings and numbers highlight, and it produces no error
    // tokens on ShopMine code (backquoted names, CJK identifiers, `1..10`), unlike python/sql/ruby.
    pygmentsLexer: "bash",
    // CodeMirror's "shell" mode: `#` comments, quoted strings, numbers and `|` pipes highlight
    // correctly in JupyterLab; SQL would treat `#` as an operator in most dialects.
    codemirrorMode: "shell",
    banner: "ShopMine 0.1.0 — e-commerce data mining in a notebook. Type 'help' to start.",
    helpLinks: [
      .init(text: "ShopMine language", url: "https://github.com/shopmine/shopmine/blob/main/docs/LANGUAGE.md")
    ]
  )
}
