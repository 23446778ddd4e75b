import Foundation

/// Ends the kernel when the process that launched it has exited, as ipykernel's parent poller does: a
/// front end killed with `kill -9` (or crashing) cannot send a shutdown request, and its kernel would
/// otherwise keep running, orphaned, holding its memory and ports.
///
/// Once a second the thread asks whether `parent` is still its parent process; when the parent exits the
/// kernel is re-parented (to init or a subreaper), `getppid()` changes, and the kernel stops the way a
/// shutdown request stops it. Not `prctl(PR_SET_PDEATHSIG)`: that signal fires when the *thread* that
/// spawned the kernel ends, and clients may start kernels from a worker thread that ends long before the
/// process does. Not a pidfd: Swift cannot call `syscall` (variadic) and glibc only wraps `pidfd_open`
/// from 2.36. A `getppid()` a second costs nothing measurable and works on Linux and macOS alike.
struct ParentWatch: Sendable {
  let parent: Int32
  let stop: StopSignal
  /// Set by the server once every channel thread has returned: the stop is complete.
  let finished: Locked<Bool>
  let log: KernelLog
  /// Asks the kernel to stop; called at most once, from this thread.
  let parentExited: @Sendable () -> Void

  /// How often the parent is looked at.
  static let intervalMilliseconds: Int32 = 1000
  /// How long a clean stop may take after the parent has exited (a cell deaf to interrupts); then the
  /// process ends at once, since nobody is left to stop it.
  static let graceSeconds = 10

  func run() {
    while !stop.isSet {
      if getppid() != parent {
        log("the parent process \(parent) has exited; shutting down")
        parentExited()
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Self.graceSeconds)) { [finished, log] in
          guard !finished.current else { return }
          log("the kernel did not stop within \(Self.graceSeconds) s of its parent's exit; exiting now")
          _exit(1)
        }
        return
      }
      // The stop descriptor ends the wait at once when the kernel stops for another reason.
      var item = pollfd(fd: stop.descriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&item, 1, Self.intervalMilliseconds)
    }
  }
}

extension KernelConfiguration {
  /// The process whose exit should end the kernel (``parentProcessID``), by Jupyter's launch convention:
  /// jupyter_client puts its own process id in `JPY_PARENT_PID` when it starts a kernel it owns.
  ///
  /// - Unset, not a number, or 1 (init never exits): `nil`, nothing is watched.
  /// - Our parent is that process: watch it.
  /// - Our parent is another process (a wrapper such as `sh -c` that did not `exec`): watch that one, whose
  ///   exit orphans the kernel just the same.
  /// - Our parent is already init (the launcher exited before the kernel looked): the named process, which
  ///   the first look then finds gone.
  public static func parentToWatch(
    environment: [String: String] = ProcessInfo.processInfo.environment, currentParent: Int32 = getppid()
  ) -> Int32? {
    guard let text = environment["JPY_PARENT_PID"], let named = Int32(text), named > 1 else { return nil }
    return currentParent == 1 ? named : currentParent
  }
}
