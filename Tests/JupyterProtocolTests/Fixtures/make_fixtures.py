"""Captures messages signed by jupyter_client's Session, as fixtures for the Swift wire-codec tests.

Run with the project's venv:  $(bash scripts/venv.sh)/bin/python Tests/JupyterProtocolTests/Fixtures/make_fixtures.py

Writes session_frames.json:
- "from_jupyter_client": frames that jupyter_client serialised with its default packer (unsorted keys, raw
  UTF-8), which the Swift decoder must verify and decode;
- "canonical": the same message serialised with a packer that writes JSON exactly as ShopMine's JSONWriter
  does (sorted keys, no spaces), so the Swift encoder must produce these frames byte for byte — and since
  jupyter_client verified them below, a message signed by ShopMine verifies in jupyter_client.
"""
import base64
import json
import pathlib

import jupyter_client
from jupyter_client.session import Session

KEY = b"5a0d8c1b-3c4f-4f4e-9a51-0c2b6f1e7d3a"
HERE = pathlib.Path(__file__).parent


def canonical_pack(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def header(msg_type):
    return {
        "msg_id": "8d2c5f0e-1b7a-4c3e-9f60-2a1d4b5c6e7f",
        "session": "3f1e2d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
        "username": "shopper",
        "date": "2024-03-05T09:08:07.654321Z",
        "msg_type": msg_type,
        "version": "5.5",
    }


def frames(session, msg):
    wire = session.serialize(msg, ident=[b"client-identity"])
    # Round trip through jupyter_client's own verification first.
    idents, rest = session.feed_identities(wire, copy=True)
    session.deserialize(rest, content=True, copy=True)
    return [base64.b64encode(f).decode() for f in wire]


content = {"code": "print \"héllo, 世界 🛒\"\nx = 1 + 2", "silent": False, "store_history": True,
           "user_expressions": {}, "allow_stdin": True, "stop_on_error": True}
msg = {"header": header("execute_request"), "parent_header": {}, "metadata": {"cellId": "c1"},
       "content": content, "buffers": []}

default_session = Session(key=KEY, signature_scheme="hmac-sha256")
canonical_session = Session(key=KEY, signature_scheme="hmac-sha256")
canonical_session.pack = canonical_pack
out = {
    "jupyter_client_version": jupyter_client.__version__,
    "key": KEY.decode(),
    "from_jupyter_client": frames(default_session, msg),
    "canonical": frames(canonical_session, msg),
}
(HERE / "session_frames.json").write_text(json.dumps(out, indent=2, sort_keys=True) + "\n")
print("wrote", HERE / "session_frames.json")
