import Foundation
import JupyterProtocol
import XCTest
import ZeroMQ

@testable import JupyterKernel

/// The kernel ends with the process that started it, and its loops wait without time-outs yet stop at once.
final class ParentWatchTests: XCTestCase {
  func testTheParentToWatchFollowsJupytersConvention() {
    func watched(_ value: String?, parent: Int32) -> Int32? {
      KernelConfiguration.parentToWatch(environment: value.map { ["JPY_PARENT_PID": $0] } ?? [:], currentParent: parent)
    }
    XCTAssertNil(watched(nil, parent: 4000), "no launcher asked for it")
    XCTAssertNil(watched("", parent: 4000))
    XCTAssertNil(watched("not a pid", parent: 4000))
    XCTAssertNil(watched("1", parent: 1), "init never exits")
    XCTAssertEqual(watched("4000", parent: 4000), 4000, "the launcher is the parent")
    XCTAssertEqual(watched("4000", parent: 4100), 4100, "a wrapper sits between: its exit orphans the kernel")
    XCTAssertEqual(watched("4000", parent: 1), 4000, "already orphaned: the launcher, which is not the parent")
  }

  func testAKernelWhoseParentIsGoneStopsByItself() throws {
    // No process is ever this test's parent: the first look finds the parent gone.
    let kernel = try KernelHarness(parentProcessID: Int32.max)
    let exit = kernel.waitForExit(timeout: 5)
    XCTAssertEqual(exit, KernelExit(restart: false))
    XCTAssertTrue(kernel.log.contains("the parent process \(Int32.max) has exited; shutting down"), "\(kernel.log)")
  }

  func testAKernelWhoseParentLivesServesAndStillStopsAtOnce() throws {
    let kernel = try KernelHarness(parentProcessID: getppid())
    // Past the watch's first interval, the kernel still serves.
    Thread.sleep(forTimeInterval: 1.2)
    try kernel.send(kernel.shell, MessageType.kernelInfoRequest)
    XCTAssertEqual(try kernel.receive(kernel.shell).msgType, MessageType.kernelInfoReply)
    // The watch waits on the stop signal, so it does not hold a shutdown up for its interval.
    let start = DispatchTime.now()
    let (_, exit) = try kernel.shutdown()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    XCTAssertEqual(exit, KernelExit(restart: false))
    XCTAssertLessThan(seconds, 0.5)
  }

  func testTheStopSignalEndsAWaitThatHasNoTimeOut() {
    let stop = StopSignal()
    let woke = DispatchSemaphore(value: 0)
    let descriptor = stop.descriptor
    Thread {
      _ = try? ZMQPoller.poll([], descriptors: [descriptor], timeoutMilliseconds: -1)
      woke.signal()
    }.start()
    XCTAssertEqual(woke.wait(timeout: .now() + 0.2), .timedOut, "the wait ended before the stop")
    XCTAssertTrue(stop.set())
    XCTAssertEqual(woke.wait(timeout: .now() + 5), .success)
    XCTAssertFalse(stop.set(), "only the first stop counts")
    // It stays readable: a loop that polls after the stop returns at once too.
    XCTAssertEqual(try ZMQPoller.poll([], descriptors: [descriptor], timeoutMilliseconds: 1000), [true])
  }
}
