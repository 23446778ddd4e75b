"""CurveZMQ: the conformance suite over encrypted channels, and a client without the keys gets nothing.

jupyter_client provisions Curve server keys into the connection file when the kernelspec advertises
`metadata.supported_encryption: ["curve"]` and the manager asks for `transport_encryption="required"`.
"""
import pytest
import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

import test_kernel_conformance as base

pytestmark = pytest.mark.skipif(not zmq.has("curve"), reason="libzmq without CurveZMQ")


class ShopMineCurveKernelTests(base.ShopMineKernelTests):
    @classmethod
    def setUpClass(cls) -> None:
        cls.km = KernelManager(kernel_name=cls.kernel_name, transport_encryption="required")
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        cls.kc.wait_for_ready(timeout=30)

    def test_connection_file_carries_curve_keys(self) -> None:
        info = self.km.get_connection_info()
        self.assertIn("curve_publickey", info)
        self.assertIn("curve_secretkey", info)

    def test_client_without_keys_gets_no_answer(self) -> None:
        ctx = zmq.Context.instance()
        plain = ctx.socket(zmq.DEALER)
        plain.linger = 0
        plain.connect(f"{self.km.transport}://{self.km.ip}:{self.km.shell_port}")
        try:
            session = Session(key=self.km.session.key)
            session.send(plain, "kernel_info_request", {})
            self.assertFalse(plain.poll(500), "a client without the Curve keys got a reply")
        finally:
            plain.close()
