"""tahqiq.web: the Arabic, right-to-left web page the HTTP API serves.

The page is static (``static/index.html``, ``app.js``, ``app.css``): it
calls the JSON endpoints and draws everything itself, inserting article text
only as text nodes and charts as SVG elements.  Nothing is loaded from
another host, so it works offline.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def static_dir() -> Path:
    """The folder of the page's files (inside the installed package)."""
    return Path(str(resources.files("tahqiq") / "web" / "static"))


def swagger_dir() -> Path | None:
    """Swagger UI's files from the ``swagger-ui-bundle`` package, or ``None`` without it."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


__all__ = ["static_dir", "swagger_dir"]
