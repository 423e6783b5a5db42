"""Safety at the edge: headers, body caps, same-origin checks, the write token.

* Every response carries a strict Content-Security-Policy (only the app's own script and style
  sheets; nothing inline; forms and the script's requests go only to the app),
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and
  ``X-Frame-Options: DENY``.
* Request bodies are capped while they are read (``Content-Length`` is checked first, but a
  body that runs past the cap is stopped whatever its headers say): 413 with code E603.
* A request whose ``Host`` is not one the server answers to is refused with 421 (E607) before
  anything else runs: loopback names (``localhost``, ``127.0.0.1``, ``[::1]``) always, other
  names only when configured (``spinscope serve --allowed-host``). A page on a name that an
  attacker re-points at 127.0.0.1 (DNS rebinding) therefore reads and writes nothing, and the
  same-origin check below compares against a host the server accepted.
* A state-changing request that a browser sends from another origin (by ``Sec-Fetch-Site``,
  ``Origin`` or ``Referer``) is refused with 403 (E605), token or no token.
* When a token is configured, every write needs a credential: ``Authorization: Bearer`` with
  the server's token or a reviewer's, or an HttpOnly SameSite=Strict session cookie (from the
  sign-in page, or a form posted with a token) together with the page's CSRF value (the
  ``X-CSRF-Token`` header or the form's ``csrf`` field). A session is a random id, bound to one
  reviewer, that the server remembers for 12 hours, until sign-out or until it restarts
  (:class:`Guard`); every write is made by a named reviewer.
* Writes are limited per client address (:class:`ClientLimits`): at most ``writes`` state-changing
  requests a minute (429, E609), and after ``failures`` refused tokens (401) in ten minutes every
  write from that address is refused until the window has passed (429, E610), so a token cannot
  be guessed at speed. Each 429 says when to come back in ``Retry-After``, as does the 503 of
  a full analysis queue (E611, :mod:`spinscope.web.service`): a :class:`WebError` carries its
  ``retry_after`` and the error answer sets the header from it.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import math
import secrets
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

from spinscope.errors import SpinscopeError
from spinscope.store.reviewers import ADMIN, LOCAL

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Final = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
UNSAFE_METHODS: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
AUTH_COOKIE: Final = "spinscope_auth"
DEFAULT_MAX_BODY: Final = 10 * 1024 * 1024 + 64 * 1024  # a 10 MB article plus form overhead


class WebError(SpinscopeError):
    """An error of the web layer with its own HTTP status, and the seconds after which the
    request may be sent again (its ``Retry-After``) when it was refused for now."""

    exit_code = 2

    def __init__(
        self, code: str, *, status: int, retry_after: int | None = None, **fields: Any
    ) -> None:
        super().__init__(code, **fields)
        self.status = status
        self.retry_after = retry_after

    @property
    def status_code(self) -> int:
        return self.status


def status_of(error: SpinscopeError) -> int:
    return error.status if isinstance(error, WebError) else error.http_status


class BodyTooLarge(HTTPException):
    """Raised from the body stream when a request runs past the cap."""

    def __init__(self, cap: int) -> None:
        super().__init__(status_code=413, detail=str(cap))
        self.cap = cap


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def own_origin(scope: Scope) -> str:
    scheme = scope.get("scheme", "http")
    host = _header(scope, b"host")
    if host is None:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
    return f"{scheme}://{host}".lower()


def host_name(host: str) -> str:
    """The name of a ``Host`` header value or listening address, lower-cased, without its port
    or IPv6 brackets ("[::1]:8000" -> "::1")."""
    value = host.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def is_loopback_name(name: str) -> bool:
    """``localhost``, a name under ``.localhost`` or a loopback address."""
    name = host_name(name)
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The names the server answers to: loopback names always, and ``names``."""

    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, names: Iterable[str]) -> HostPolicy:
        return cls(frozenset(host_name(n) for n in names if host_name(n)))

    def allows(self, host: str | None) -> bool:
        if host is None:
            return False  # HTTP/1.1 needs a Host; a request without one names no site
        name = host_name(host)
        return is_loopback_name(name) or name in self.names

    def accepted(self) -> str:
        return ", ".join(["localhost", "127.0.0.1", "[::1]", *sorted(self.names)])


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def cross_site(scope: Scope) -> str | None:
    """Why a state-changing request looks cross-site, or None when it may go on.

    Browsers say where a request comes from in ``Sec-Fetch-Site``, which pages cannot forge.
    Under ``Referrer-Policy: no-referrer`` a browser's own form posts carry ``Origin: null``,
    so that value is accepted only when ``Sec-Fetch-Site`` says the post is same-origin.
    Without either header (clients that are not browsers) the ``Referer``, if any, is checked.
    """
    site = (_header(scope, b"sec-fetch-site") or "").strip().lower()
    if site and site not in ("same-origin", "none"):
        return f"the browser says it comes from a {site} page"
    origin = (_header(scope, b"origin") or "").strip().lower()
    if origin == "null":
        return None if site else "the request has an opaque origin"
    if origin:
        return None if _origin_of(origin) == own_origin(scope) else "its Origin is another site"
    referer = _header(scope, b"referer")
    if referer is not None and _origin_of(referer) not in (None, own_origin(scope)):
        return "its Referer is another site"
    return None


ErrorResponder = Callable[[Scope, SpinscopeError], Awaitable[Any]]


@dataclass(slots=True)
class _Client:
    writes: deque[float]
    failures: deque[float]


class ClientLimits:
    """Sliding windows of writes and refused tokens per client address, in bounded memory."""

    WRITE_WINDOW: Final = 60.0
    FAILURE_WINDOW: Final = 600.0
    MAX_CLIENTS: Final = 10_000  # the least recently seen address is forgotten beyond this

    def __init__(self, *, writes: int = 120, failures: int = 10) -> None:
        self.writes = writes
        self.failures = failures
        self._clients: OrderedDict[str, _Client] = OrderedDict()

    def _client(self, address: str) -> _Client:
        client = self._clients.pop(address, None) or _Client(deque(), deque())
        self._clients[address] = client
        while len(self._clients) > self.MAX_CLIENTS:
            self._clients.popitem(last=False)
        return client

    @staticmethod
    def _trim(times: deque[float], window: float, now: float) -> None:
        while times and times[0] <= now - window:
            times.popleft()

    def refuse_write(self, address: str) -> WebError | None:
        """The error for a write from ``address`` now, or None (and the write is counted)."""
        now = time.monotonic()
        client = self._client(address)
        self._trim(client.failures, self.FAILURE_WINDOW, now)
        if len(client.failures) >= self.failures:
            wait = client.failures[0] + self.FAILURE_WINDOW - now
            seconds = math.ceil(wait)
            return WebError(
                "E610", status=429, failures=self.failures, seconds=seconds, retry_after=seconds
            )
        self._trim(client.writes, self.WRITE_WINDOW, now)
        if len(client.writes) >= self.writes:
            wait = client.writes[0] + self.WRITE_WINDOW - now
            seconds = math.ceil(wait)
            return WebError(
                "E609", status=429, writes=self.writes, seconds=seconds, retry_after=seconds
            )
        client.writes.append(now)
        return None

    def token_refused(self, address: str) -> None:
        self._client(address).failures.append(time.monotonic())


class EdgeMiddleware:
    """Security headers on every response, the host allow-list, the body cap, the same-origin
    check, and HEAD answered as GET without its body."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_body: int,
        respond: ErrorResponder,
        hosts: HostPolicy | None = None,
        limits: ClientLimits | None = None,
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.respond = respond
        self.hosts = hosts or HostPolicy()
        self.limits = limits or ClientLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {name for name, _ in SECURITY_HEADERS}
                ]
                headers.extend(SECURITY_HEADERS)
                message["headers"] = headers
            await send(message)

        host = _header(scope, b"host")
        if not self.hosts.allows(host):
            error = WebError(
                "E607", status=421, host=(host or "(none)")[:100], accepted=self.hosts.accepted()
            )
            response = await self.respond(scope, error)
            await response(scope, receive, send_with_headers)
            return
        cap = self.max_body
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > cap:
            response = await self.respond(scope, WebError("E603", status=413, cap=cap))
            await response(scope, receive, send_with_headers)
            return
        if scope.get("method", "GET") in UNSAFE_METHODS:
            reason = cross_site(scope)
            if reason is not None:
                response = await self.respond(scope, WebError("E605", status=403, detail=reason))
                await response(scope, receive, send_with_headers)
                return
            address = str((scope.get("client") or ("unknown",))[0])
            limited = self.limits.refuse_write(address)
            if limited is not None:
                response = await self.respond(scope, limited)
                await response(scope, receive, send_with_headers)
                return
            inner_send = send_with_headers

            async def send_with_headers(message: Message) -> None:
                if message["type"] == "http.response.start" and message["status"] == 401:
                    self.limits.token_refused(address)
                await inner_send(message)

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    raise BodyTooLarge(cap)
            return message

        if scope.get("method") == "HEAD":
            # HEAD is GET without the body, for every GET route (routes declare GET only).
            async def send_head(message: Message) -> None:
                if message["type"] == "http.response.body":
                    message = {**message, "body": b""}
                await send_with_headers(message)

            await self.app({**scope, "method": "GET"}, limited_receive, send_head)
            return
        await self.app(scope, limited_receive, send_with_headers)


@dataclass(slots=True)
class _Session:
    expires: float  # time.monotonic() when it ends
    reviewer: str  # who signed in


class Guard:
    """Who may write, and who they are: the server's token, reviewers' tokens and sessions.

    A write is made by a reviewer: whoever holds the server's token is ``admin``; a reviewer's
    own token (``Authorization: Bearer``) or session names them; on a server without a token,
    a write that names nobody is made by ``local`` (one person on a laptop). A bearer token
    that is neither is refused (E604), token or no token on the server.

    A session is a random id (the HttpOnly cookie's value) that this server process remembers
    for ``session_seconds`` (12 hours by default), bound to one reviewer, and forgets on
    sign-out, restart, or when the reviewer is removed (``active`` says who still is): it
    expires, it can be revoked, and it says nothing about any token. Its CSRF value is an HMAC
    of the session id under a key made when the server starts; a write with the cookie must
    carry it (the ``X-CSRF-Token`` header, or a form's ``csrf`` field), else E634.
    """

    MAX_SESSIONS: Final = 10_000

    def __init__(
        self,
        token: str | None,
        *,
        session_seconds: float = 12 * 3600,
        reviewers: Callable[[str], str | None] | None = None,
        active: Callable[[str], bool] | None = None,
    ) -> None:
        self.token = token or None
        self.session_seconds = session_seconds
        self._reviewers = reviewers
        self._active = active
        self._key = secrets.token_bytes(32)
        self._sessions: OrderedDict[str, _Session] = OrderedDict()

    @property
    def enabled(self) -> bool:
        return self.token is not None

    def new_session(self, reviewer: str = ADMIN) -> str:
        """A new session id for ``reviewer``, valid for ``session_seconds``."""
        now = time.monotonic()
        for sid, session in list(self._sessions.items()):
            if session.expires <= now:
                del self._sessions[sid]
        while len(self._sessions) >= self.MAX_SESSIONS:
            self._sessions.popitem(last=False)
        sid = secrets.token_urlsafe(32)
        self._sessions[sid] = _Session(now + self.session_seconds, reviewer)
        return sid

    def end_session(self, cookie: str | None) -> None:
        if cookie:
            self._sessions.pop(cookie, None)

    def session_reviewer(self, cookie: str | None) -> str | None:
        """The reviewer of the live session ``cookie`` names, or None."""
        if not cookie:
            return None
        session = self._sessions.get(cookie)
        if session is None:
            return None
        if session.expires <= time.monotonic() or not self._still_active(session.reviewer):
            del self._sessions[cookie]
            return None
        return session.reviewer

    def _still_active(self, reviewer: str) -> bool:
        """Whether a session's reviewer may still write: ``admin`` and ``local`` always, a
        reviewer until they are removed (their sessions end with them)."""
        if reviewer in (ADMIN, LOCAL) or self._active is None:
            return True
        return self._active(reviewer)

    def has_cookie(self, cookie: str | None) -> bool:
        """True when ``cookie`` names a session of this server that has not expired."""
        return self.session_reviewer(cookie) is not None

    def csrf_for(self, cookie: str | None) -> str | None:
        """The CSRF value of the session ``cookie`` names, or None when it names none."""
        if not self.has_cookie(cookie):
            return None
        return hmac.new(self._key, str(cookie).encode(), hashlib.sha256).hexdigest()

    def _same(self, given: str | None, expected: str) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), expected.encode())

    def token_reviewer(self, token: str | None) -> str | None:
        """``admin`` for the server's token, a reviewer's name for theirs, else None."""
        if not token:
            return None
        if self.token is not None and self._same(token, self.token):
            return ADMIN
        return self._reviewers(token) if self._reviewers is not None else None

    def bearer_reviewer(self, authorization: str | None) -> str | None:
        """Who an ``Authorization: Bearer`` header names (see :meth:`token_reviewer`)."""
        if not authorization:
            return None
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.token_reviewer(value.strip())

    def identify(
        self,
        *,
        authorization: str | None,
        cookie: str | None,
        csrf: str | None,
        action: str,
        token_field: str | None = None,
    ) -> str:
        """Who makes a write: by bearer token, form token field, or session with its CSRF
        value; ``local`` when none is given and the server has no token. E604 (401) for a
        token that is no one's or a write that needs one, E634 (403) for a session without
        its CSRF value."""
        if authorization:
            who = self.bearer_reviewer(authorization)
            if who is None:
                raise WebError("E604", status=401, action=action)
            return who
        if token_field:
            who = self.token_reviewer(token_field)
            if who is None:
                raise WebError("E604", status=401, action=action)
            return who
        reviewer = self.session_reviewer(cookie)
        if reviewer is not None:
            expected = self.csrf_for(cookie)
            if expected is None or not self._same(csrf, expected):
                raise WebError("E634", status=403)
            return reviewer
        if self.token is None:
            return LOCAL
        raise WebError("E604", status=401, action=action)

    def check_api(
        self,
        authorization: str | None,
        *,
        action: str,
        cookie: str | None = None,
        csrf: str | None = None,
    ) -> str:
        """Who makes an API write (see :meth:`identify`)."""
        return self.identify(authorization=authorization, cookie=cookie, csrf=csrf, action=action)

    def check_form(
        self,
        *,
        authorization: str | None,
        cookie: str | None,
        token_field: str | None,
        csrf_field: str | None,
        action: str,
    ) -> tuple[str, bool]:
        """Who makes a form post, and whether its token field was used (then a session is
        started for them). The cookie alone is never enough: it must come with the CSRF field
        of a page this server rendered."""
        if token_field and not authorization:
            reviewer = self.identify(
                authorization=None, cookie=None, csrf=None, action=action, token_field=token_field
            )
            return reviewer, True
        reviewer = self.identify(
            authorization=authorization, cookie=cookie, csrf=csrf_field, action=action
        )
        return reviewer, False
