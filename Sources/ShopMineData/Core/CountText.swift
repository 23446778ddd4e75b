/// Counts as users read them, the same on every machine.
public enum CountText {
  /// `1,000,000`: thousands grouped with commas (locale-free, so output is byte-stable).
  public static func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }
}
