import JupyterProtocol

/// The `kernel.json` of an installed kernelspec.
public struct KernelSpec: Sendable, Hashable {
  /// The command line Jupyter runs; `{connection_file}` is replaced by the real path.
  public var argv: [String]
  public var displayName: String
  public var language: String
  /// Whether the kernel advertises CurveZMQ (`metadata.supported_encryption: ["curve"]`).
  public var supportsCurve: Bool

  public init(executable: String, displayName: String, language: String, supportsCurve: Bool) {
    self.argv = [executable, "kernel", "--connection-file", "{connection_file}"]
    self.displayName = displayName
    self.language = language
    self.supportsCurve = supportsCurve
  }

  /// The JSON document, with `interrupt_mode: "message"` (interrupts arrive on the control channel, which
  /// works on every platform and through remote kernel gateways; SIGINT is still honoured).
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "argv": .array(argv.map { .string($0) }), "display_name": .string(displayName),
      "language": .string(language), "interrupt_mode": "message", "kernel_protocol_version": "5.5",
      "env": [:],
    ]
    object["metadata"] = supportsCurve ? ["supported_encryption": ["curve"]] : [:]
    return .object(object)
  }

  /// The file's text: sorted keys, two-space indentation, trailing newline.
  public var fileText: String {
    PrettyJSON.format(json) + "\n"
  }
}

/// Indented JSON for files people read (kernel.json); the wire uses compact ``JSONWriter`` output.
enum PrettyJSON {
  static func format(_ value: JSONValue, indent: String = "") -> String {
    let inner = indent + "  "
    switch value {
    case .array(let items) where !items.isEmpty:
      return "[\n" + items.map { inner + format($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
    case .object(let members) where !members.isEmpty:
      let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      let lines = keys.map { key in
        inner + JSONValue.string(key).jsonString + ": " + format(members[key] ?? .null, indent: inner)
      }
      return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
    default:
      return value.jsonString
    }
  }
}
