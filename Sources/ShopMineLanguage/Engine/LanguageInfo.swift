import JupyterProtocol

extension LanguageDescription {
  /// What `kernel_info_reply` says about ShopMine (reasons for the lexer choices in docs/LANGUAGE.md).
  public static let shopMine = LanguageDescription(
    name: "shopmine",
    version: "0.1.0",
    mimetype: "text/x-shopmine",
    fileExtension: ".mine",
    // ShopMine's own Pygments lexer, from the `shopmine-jupyter` package in python/shopmine-jupyter
    // (its word lists are `shopmine lexicon`'s output); without the package nbconvert shows plain text.
    pygmentsLexer: "shopmine",
    // A borrowed CodeMirror mode (JupyterLab cannot load ours): "python" coloured ShopMine best when
    // measured in JupyterLab against ShopMine's own lexer — the comparison is in docs/KERNEL.md.
    codemirrorMode: "python",
    banner: "ShopMine 0.1.0 — e-commerce data mining in a notebook. Type 'help' to start.",
    helpLinks: [
      .init(text: "ShopMine language", url: "https://github.com/shopmine/shopmine/blob/main/docs/LANGUAGE.md")
    ]
  )
}
