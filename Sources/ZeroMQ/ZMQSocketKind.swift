import CZeroMQ

/// The socket patterns the kernel and its tests use.
public enum ZMQSocketKind: Sendable, Hashable {
  case pair, publish, subscribe, request, reply, dealer, router, pull, push, extendedPublish

  var rawValue: Int32 {
    switch self {
    case .pair: return ZMQ_PAIR
    case .publish: return ZMQ_PUB
    case .subscribe: return ZMQ_SUB
    case .request: return ZMQ_REQ
    case .reply: return ZMQ_REP
    case .dealer: return ZMQ_DEALER
    case .router: return ZMQ_ROUTER
    case .pull: return ZMQ_PULL
    case .push: return ZMQ_PUSH
    case .extendedPublish: return ZMQ_XPUB
    }
  }
}
