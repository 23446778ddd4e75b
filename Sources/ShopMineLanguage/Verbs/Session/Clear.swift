extension VerbSpec {
  /// `clear`: clears the cell's output so far (`clear wait` clears when the next output arrives), for
  /// cells that redraw a result as they go.
  static let clear = VerbSpec(
    "clear", summary: "clear this cell's output", subject: .none,
    options: [ParameterSpec("wait", .flag, "clear only when the next output arrives, to avoid flicker")],
    evaluate: { inv throws(Diagnostic) in
      inv.sink.clearOutput(wait: inv.has("wait"))
      return .nothing
    })
}
