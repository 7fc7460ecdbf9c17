"""tahqiq.web: the Arabic, right-to-left web page the HTTP API serves.

The page is static (``static/index.html``, ``app.css`` and three scripts: ``app.js``
the helpers, search, documents and uploads; ``check.js`` a claim's report; ``news.js``
the stories and the watched claims): it
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


#: The oldest Swagger UI that renders OpenAPI 3.1 (what FastAPI writes).
SWAGGER_MAJOR = 5


def swagger_dir() -> Path | None:
    """Swagger UI's files from the ``swagger-ui-bundle-v2`` package, or ``None``
    without it or when the installed bundle is older than Swagger UI 5 (the old
    ``swagger-ui-bundle``, whose 4.x shows "Unable to render this definition")."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = Path(str(swagger_ui_bundle.swagger_ui_path))
    version = path.name.removeprefix("swagger-ui-").split(".")[0]
    return path if version.isdigit() and int(version) >= SWAGGER_MAJOR else None


__all__ = ["static_dir", "swagger_dir"]
