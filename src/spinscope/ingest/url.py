"""Fetch one URL safely: public addresses only, redirects re-checked, size and time capped.

Before every request (the first and each redirect, followed by hand) the host is resolved and
the fetch is refused if any of its addresses is not public: loopback, private, link-local,
multicast, reserved, unspecified, shared, or such an address embedded in IPv6 (IPv4-mapped,
6to4, Teredo, NAT64). The connection then goes to the address that was checked, with the
original name kept in the Host header and TLS SNI (so certificates are still verified against
the name): a DNS answer cannot change between the check and the connection. Proxies from the
environment are ignored for the same reason.

Time is bounded in two ways: every connect, read and write waits at most ``timeout`` seconds,
and the whole fetch (redirects, headers and body together) at most three times that. The whole
deadline is enforced below httpx, on every socket operation (:class:`_DeadlineBackend`), so a
server that trickles its headers a byte at a time is dropped at the deadline like any other.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urljoin

import httpcore
import httpx

from spinscope.document import Document, Skipped
from spinscope.errors import FetchError, InputError
from spinscope.ingest.dispatch import CONTENT_KINDS, read_items
from spinscope.ingest.encoding import ACCEPT_ENCODING, codings, decoded
from spinscope.ingest.feeds import preview_text, xml_root
from spinscope.ingest.options import DEFAULT_OPTIONS, IngestOptions

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})
ACCEPT: Final = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.8"
)
_NAT64: Final = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched body with what it says it is."""

    url: str  # the final address, after redirects
    kind: str | None  # html, text or feed; None when the server named no content type
    charset: str | None
    body: bytes


def _embedded(ip: IPAddress) -> list[IPAddress]:
    """The IPv4 addresses an IPv6 address carries (mapped, 6to4, Teredo, NAT64)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found: list[IPAddress] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _kind_of(ip: IPAddress) -> str | None:
    if ip.is_loopback:
        return "loopback"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if ip.is_reserved:
        return "reserved"
    if not ip.is_global:
        return "non-public"
    return None


def address_kind(ip: IPAddress) -> str | None:
    """Why an address may not be fetched ("loopback", "private"...), or None if it is public."""
    for candidate in (ip, *_embedded(ip)):
        kind = _kind_of(candidate)
        if kind is not None:
            return kind
    return None


def resolve_host(host: str, port: int, *, url: str) -> list[IPAddress]:
    """Every address a host name (or literal address) stands for; E123 if it has none."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError("E123", url=url, detail=f"cannot resolve {host}: {exc}") from None
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError("E123", url=url, detail=f"{host} has no address")
    return addresses


def checked_addresses(url: str, *, allow_private: bool = False) -> list[IPAddress]:
    """Resolve the URL's host and refuse (E120) if any address is not public; E124 for schemes.

    This runs before every request, redirects included; nothing is sent before it passes.
    """
    target = _parse_url(url)
    host = target.raw_host.decode("ascii").lower()
    port = target.port or (443 if target.scheme == "https" else 80)
    if not allow_private and (host == "localhost" or host.endswith(".localhost")):
        raise FetchError("E120", url=url, host=host, address="127.0.0.1", kind="loopback")
    addresses = resolve_host(host, port, url=url)
    if not allow_private:
        for address in addresses:
            kind = address_kind(address)
            if kind is not None:
                raise FetchError("E120", url=url, host=host, address=address, kind=kind)
    return addresses


def _parse_url(url: str) -> httpx.URL:
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError("E123", url=url, detail=f"not a valid URL ({exc})") from None
    if target.scheme not in ("http", "https"):
        raise FetchError("E124", url=url)
    if not target.host:
        raise FetchError("E123", url=url, detail="the URL has no host")
    return target


def _content_kind(url: str, header: str | None) -> tuple[str | None, str | None]:
    if not header or not header.strip():
        return None, None
    mime, _, params = header.partition(";")
    mime = mime.strip().lower()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    kind = CONTENT_KINDS.get(mime)
    if kind is None:
        raise FetchError("E122", url=url, content_type=mime)
    return kind, charset


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the fetch's deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the whole fetch took too long")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        wrapped = self._inner.start_tls(
            ssl_context, server_hostname, self._left(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(wrapped, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, each bounded by one deadline for the whole fetch."""

    def __init__(self, deadline: float) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("the whole fetch took too long")
        wait = left if timeout is None else min(timeout, left)
        stream = self._inner.connect_tcp(host, port, wait, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _transport(deadline: float) -> httpx.HTTPTransport:
    """httpx's own transport, its connections opened by a backend bounded by ``deadline``.

    httpx has no public setting for the network backend; its pool keeps it in one attribute,
    and ``tests/ingest/test_url.py`` checks that a trickling server is still dropped in time.
    """
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool._network_backend = _DeadlineBackend(deadline)
    return transport


def _counted(chunks: Iterator[bytes], *, url: str, cap: int) -> Iterator[bytes]:
    """The raw chunks, refused (E125) once more than ``cap`` bytes came over the wire."""
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > cap:
            raise FetchError("E125", url=url, cap=cap)
        yield chunk


def _read_body(response: httpx.Response, *, url: str, cap: int, deadline: float) -> bytes:
    """The decoded body: the cap holds for the decoded bytes as they stream (E125)."""
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > cap:
        raise FetchError("E125", url=url, cap=cap)
    layers = codings(response.headers.get("content-encoding"), url=url)
    chunks: list[bytes] = []
    size = 0
    for chunk in decoded(_counted(response.iter_raw(), url=url, cap=cap), layers, url=url):
        size += len(chunk)
        if size > cap:
            raise FetchError("E125", url=url, cap=cap)
        if time.monotonic() > deadline:
            raise FetchError("E123", url=url, detail="the whole fetch took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _send(
    client: httpx.Client, current: str, addresses: list[IPAddress], *, options: IngestOptions
) -> httpx.Response:
    """Send a GET for ``current`` to its checked address, keeping its name for Host and SNI."""
    target = _parse_url(current)
    pinned = target.copy_with(host=str(addresses[0]))
    extensions = (
        {"sni_hostname": target.raw_host.decode("ascii")} if target.scheme == "https" else {}
    )
    request = client.build_request(
        "GET",
        pinned,
        headers={
            "Host": target.netloc.decode("ascii"),
            "User-Agent": options.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
        extensions=extensions,
    )
    return client.send(request, stream=True, follow_redirects=False)


def _answer(
    response: httpx.Response, *, url: str, current: str, cap: int, deadline: float
) -> Response | str:
    """The body of a final response, or the next address for a redirect."""
    status = response.status_code
    if status in REDIRECT_STATUSES:
        location = response.headers.get("location")
        if not location:
            raise FetchError("E123", url=url, detail=f"HTTP {status} without a Location")
        return str(urljoin(current, location.strip()))
    if status >= 400:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise FetchError("E123", url=url, detail=f"HTTP {status}{reason}")
    kind, charset = _content_kind(url, response.headers.get("content-type"))
    body = _read_body(response, url=url, cap=cap, deadline=deadline)
    return Response(url=current, kind=kind, charset=charset, body=body)


def fetch_response(
    url: str, *, options: IngestOptions | None = None, trusted_hops: int = 0
) -> Response:
    """Fetch ``url`` and return its body; every refusal or failure is a FetchError.

    ``trusted_hops`` lets the first requests reach private addresses: only tests use it, to
    check that a redirect from a served page to a private address is refused.
    """
    opts = options or DEFAULT_OPTIONS
    deadline = time.monotonic() + 3 * opts.timeout
    current = url
    with httpx.Client(
        timeout=httpx.Timeout(opts.timeout), trust_env=False, transport=_transport(deadline)
    ) as client:
        for hop in range(opts.max_redirects + 1):
            allow = opts.allow_private or hop < trusted_hops
            addresses = checked_addresses(current, allow_private=allow)
            if time.monotonic() > deadline:
                raise FetchError("E123", url=url, detail="the whole fetch took too long")
            try:
                response = _send(client, current, addresses, options=opts)
                try:
                    answer = _answer(
                        response, url=url, current=current, cap=opts.max_bytes, deadline=deadline
                    )
                finally:
                    response.close()
            except httpx.TimeoutException:
                raise FetchError("E123", url=url, detail="timed out") from None
            except httpx.InvalidURL as exc:  # a Location such as javascript: or data:
                raise FetchError(
                    "E123", url=url, detail=f"a redirect to a bad URL ({exc})"
                ) from None
            except httpx.HTTPError as exc:
                detail = str(exc) or type(exc).__name__
                raise FetchError("E123", url=url, detail=detail) from None
            if isinstance(answer, Response):
                return answer
            current = answer
    raise FetchError("E121", url=url, limit=opts.max_redirects)


def fetch_items(url: str, *, options: IngestOptions | None = None) -> Iterator[Document | Skipped]:
    """The documents a URL serves (a page, a text, or a feed's items); raises for the URL."""
    opts = options or DEFAULT_OPTIONS
    response = fetch_response(url, options=opts)
    kind = response.kind
    if kind == "feed" and xml_root(preview_text(response.body)) == "html":
        kind = "html"  # XHTML served as XML
    return read_items(
        response.body,
        source=url,
        kind=kind,
        options=opts,
        url=response.url,
        charset=response.charset,
    )


def fetch_url(url: str, *, options: IngestOptions | None = None) -> list[Document]:
    """Fetch a URL and read it: an HTML page or a text gives one Document, a feed its items.

    Raises FetchError (E120-E125) for the fetch, InputError when the body cannot be read.
    ``meta.source`` is the URL as given and ``meta.url`` the final address after redirects
    (for a feed, each item's own link).
    """
    items = list(fetch_items(url, options=options))
    documents = [item for item in items if isinstance(item, Document)]
    if not documents:
        raise InputError("E107", source=url) if items else InputError("E101", source=url)
    return documents
