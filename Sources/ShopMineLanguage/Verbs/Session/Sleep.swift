import Foundation
import ShopMineData

extension VerbSpec {
  /// `sleep 2`: waits, checking for an interrupt every 10 ms so the kernel's interrupt stops it promptly.
  static let sleep = VerbSpec(
    "sleep", summary: "wait for a number of seconds", subject: .none,
    positionals: [ParameterSpec("seconds", .value, "how long to wait")],
    evaluate: { inv throws(Diagnostic) in
      guard let seconds = try inv.double("seconds"), seconds >= 0, seconds <= 1e9 else {
        throw inv.error(at: "seconds", "'sleep' needs a number of seconds from 0 to 1e9 (about 31 years)")
      }
      let clock = ContinuousClock()
      let deadline = clock.now + .milliseconds(Int64((seconds * 1000).rounded()))
      while clock.now < deadline {
        if inv.cancellation.isCancelled {
          throw Diagnostic("interrupted", at: inv.call.span, name: "KeyboardInterrupt")
        }
        let left = deadline - clock.now
        Thread.sleep(
          forTimeInterval: min(
            0.01,
            max(
              0,
              Double(left.components.attoseconds) * 1e-18
                + Double(left.components.seconds))))
      }
      return .nothing
    })
}
