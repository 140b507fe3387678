"""``kunker serve``: the read-only web app (pages with JSON twins) on a local port."""

from __future__ import annotations

import socket

import typer

from kunker.cli.app import app
from kunker.errors import KunkerError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@app.command("serve")
def serve(
    host: str = typer.Option(DEFAULT_HOST, "--host",
                             help="Address to listen on; 0.0.0.0 opens it to the network "
                             "(there is no login: everything stored becomes readable)."),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help="Port."),
) -> None:
    """Browse the stored visits in a web browser: events with filters, one event with its
    sources and evidence, institution histories, search and statistics.

    Read-only. Every page has a JSON twin: add .json to its path (/events/42.json).

    Example: kunker serve --port 8000
    """
    import uvicorn

    from kunker.cli.database import database_url
    from kunker.web import create_app
    from storage import SchemaOutdatedError, check_schema, make_engine

    _check_address(host, port)
    url = database_url()
    probe = make_engine(url)
    try:
        check_schema(probe)
    except SchemaOutdatedError as exc:
        # Serve anyway: pages answer 503 with this line until the upgrade, then recover.
        typer.echo(f"warning: {exc}", err=True)
    finally:
        probe.dispose()
    typer.echo(f"serving http://{host}:{port}/ (Ctrl+C to stop)", err=True)
    uvicorn.run(create_app(url), host=host, port=port, log_level="warning")


def _check_address(host: str, port: int) -> None:
    """One ``error:`` line now, rather than uvicorn's log line after the banner."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port,
                                                             type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
            probe.bind(address)
    except OSError as exc:
        raise KunkerError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose "
                          "another --port (or --host)") from None
