"""An SMTP relay on loopback that records every message it takes and can be told to misbehave,
for the delivery tests (tests/cases/test_email_faults.py) and the fault script (bench/faults.py).

    relay = Relay().start()          # relay.port
    relay.mode = "drop"              # take the message, then close without answering
    relay.mode = "slow"; relay.delay = 10   # take it, answer after `delay` seconds
    relay.mode = "refuse"            # refuse every recipient (nothing taken)
    relay.received                   # the outbox ids of the messages taken, in order
    relay.stop()
"""

from __future__ import annotations

import asyncio
import email
import logging
import socket

from aiosmtpd.controller import Controller

ID_HEADER = "X-PRM-Outbox-Id"
logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Relay:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.mode = "ok"
        self.delay = 0.0
        self.received: list[str] = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    def start(self) -> Relay:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if self.mode == "refuse":
            return "550 5.1.1 No such recipient here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        self.received.append(message.get(ID_HEADER, "?"))
        if self.mode == "drop":
            server.transport.close()  # the message is here; the sender never hears so
        elif self.mode == "slow":
            await asyncio.sleep(self.delay)
        return "250 OK: queued"
