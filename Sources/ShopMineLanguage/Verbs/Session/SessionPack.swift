/// The session: printing, input, settings, bindings and help.
enum SessionPack: VerbPack {
  static let verbs: [VerbSpec] = [.print, .warn, .input, .sleep, .clear, .help, .vars, .del, .set, .exit]
}
