"""A real SMTP server (aiosmtpd) in the test process, and what it received.

Tests send e-mail over SMTP to it, exactly as production sends to a mail server, and
read the messages back: headers, the text and HTML parts, the links.
"""
from __future__ import annotations

import re
import socket
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

_LINK = re.compile(r"https?://[^\s<>\"')]+")


@dataclass
class Received:
    """One message as the server got it."""

    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def to(self) -> str:
        return str(self.message["To"])

    def part(self, subtype: str) -> str:
        """The ``text/<subtype>`` part's content ("plain" or "html")."""
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None and body.get_content_subtype() == subtype, f"no text/{subtype} part"
        return body.get_content()

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")

    def links(self) -> list[str]:
        """The links in the text part, in order."""
        return _LINK.findall(self.text)


class _Handler:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.server.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        received = Received(envelope.mail_from, list(envelope.rcpt_tos),
                            message_from_bytes(envelope.original_content or envelope.content, policy=policy.default))
        with self.server.lock:
            self.server.messages.append(received)
            self.server.arrived.notify_all()
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpServer:
    """aiosmtpd on 127.0.0.1 in a thread; ``messages`` is everything it accepted."""

    def __init__(self):
        self.messages: list[Received] = []
        self.refuse: set[str] = set()
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @contextmanager
    def down(self):
        """The mail server is down (connections are refused) inside the block."""
        self.stop()
        try:
            yield
        finally:
            self.start()

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()
            self.refuse.clear()

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[Received]:
        """Wait until ``count`` messages have arrived (a worker thread sends them)."""
        with self.lock:
            self.arrived.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)

    def to(self, address: str) -> list[Received]:
        """The messages sent to ``address``."""
        with self.lock:
            return [m for m in self.messages if address in m.rcpt_tos]
