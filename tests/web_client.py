"""A Flask test client of `policygen serve` that asks as a browser on this machine would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from generator.frontends.serve import create_app
from tests.conftest import DEFAULTS_EXAMPLE

HOST = "127.0.0.1:8765"


class LocalClient(FlaskClient):
    """A client whose requests carry Host 127.0.0.1:8765."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", f"http://{HOST}")
        return super().open(*args, **kwargs)


def local_client(school: Path | None = DEFAULTS_EXAMPLE, language: str | None = None) -> FlaskClient:
    """The page started as `policygen serve [SCHOOL] [--lang LANGUAGE]` would start it."""
    app = create_app(school, language)
    app.test_client_class = LocalClient
    return app.test_client()
