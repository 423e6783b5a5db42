"""Run the web app under uvicorn (``spinscope serve``)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from pathlib import Path

from spinscope.config import DEFAULT_ANALYSIS_QUEUE, AnalysisConfig
from spinscope.errors import InputError
from spinscope.store import default_db_path
from spinscope.web.security import host_name, is_loopback_name


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (localhost or a loopback address)."""
    return is_loopback_name(host)


def allowed_names(host: str, allowed_hosts: Iterable[str]) -> tuple[str, ...]:
    """The host names the app answers to besides loopback: the configured ones, and the address
    it listens on when that is one address (not 0.0.0.0 or ::)."""
    names = list(allowed_hosts)
    try:
        unspecified = ipaddress.ip_address(host_name(host)).is_unspecified
    except ValueError:
        unspecified = False
    if not unspecified:
        names.append(host)
    return tuple(names)


def check_host(host: str, token: str | None) -> None:
    """Refuse (E155) to listen beyond this machine without a token."""
    if not token and not is_loopback(host):
        raise InputError("E155", host=host)


def serve(
    *,
    db: Path | None,
    host: str,
    port: int,
    token: str | None,
    allowed_hosts: Iterable[str] = (),
    limits: AnalysisConfig | None = None,
    analysis_queue: int = DEFAULT_ANALYSIS_QUEUE,
) -> None:
    """Serve the app on ``host:port`` over the database ``db`` (default: the user's data folder).

    ``limits``: the per-document ``max_chars`` and ``time_limit`` of every analysis;
    ``analysis_queue``: how many analyses are admitted at once (E611 past them).

    A host other than loopback requires a token; write requests must then carry it. Requests
    are answered only for loopback names, the listening address and ``allowed_hosts``.
    """
    import uvicorn

    from spinscope.web.app import create_app

    check_host(host, token)
    app = create_app(
        db=db or default_db_path(),
        token=token,
        require_token=not is_loopback(host),
        allowed_hosts=allowed_names(host, allowed_hosts),
        limits=limits,
        analysis_queue=analysis_queue,
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
