"""Run the web app under uvicorn (``spinscope serve``)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from spinscope.errors import InputError
from spinscope.store import default_db_path


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (localhost or a loopback address)."""
    name = host.strip().strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_host(host: str, token: str | None) -> None:
    """Refuse (E155) to listen beyond this machine without a token."""
    if not token and not is_loopback(host):
        raise InputError("E155", host=host)


def serve(*, db: Path | None, host: str, port: int, token: str | None) -> None:
    """Serve the app on ``host:port`` over the database ``db`` (default: the user's data folder).

    A host other than loopback requires a token; write requests must then carry it.
    """
    import uvicorn

    from spinscope.web.app import create_app

    check_host(host, token)
    app = create_app(db=db or default_db_path(), token=token, require_token=not is_loopback(host))
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
        timeout_graceful_shutdown=5,
    )
