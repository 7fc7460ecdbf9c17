"""The one exception hierarchy of tahqiq.

The library raises these and never exits; the CLI turns them into one-line
messages and exit codes (see :attr:`TahqiqError.exit_code`).
"""

from __future__ import annotations


class TahqiqError(Exception):
    """Base class of every error tahqiq raises on purpose."""

    #: Process exit status the CLI uses for this error.
    exit_code: int = 1


class ConfigError(TahqiqError):
    """A setting is missing, malformed or contradictory."""

    exit_code = 2


class MissingExtraError(TahqiqError):
    """A dependency is needed but not installed (``extra`` names the tahqiq
    extra that installs it, or is empty for a core dependency)."""

    exit_code = 3

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        fix = f"pip install 'tahqiq[{extra}]'" if extra else f"pip install {package}"
        super().__init__(f"{purpose} needs the '{package}' package: {fix}")
        self.package = package
        self.extra = extra


class IngestError(TahqiqError):
    """A file or record could not be read into a document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormatError(IngestError):
    """The file's type is not one ingest reads."""


class FileTooLargeError(IngestError):
    """The file is over the configured size limit."""


class DecodingError(IngestError):
    """The bytes are binary or in no encoding we can recognise."""


class MalformedInputError(IngestError):
    """The file parses as nothing sensible (broken JSON, broken feed...)."""


class EmptyDocumentError(IngestError):
    """The file or record holds no text once cleaned."""


class StoreError(TahqiqError):
    """The SQLite store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The database was written by a newer tahqiq than this one."""


class NotFoundError(TahqiqError):
    """A requested document (or other object) does not exist."""

    exit_code = 4


class SearchIndexError(TahqiqError):
    """The search index cannot be built, opened or queried."""


class IndexMismatchError(SearchIndexError):
    """A saved index or model does not match this code or its data.

    Raised when the manifest's format version, normalizer version or
    checksums differ from what is expected; such artifacts refuse to load.
    """


class ModelArtifactError(TahqiqError):
    """A saved model is missing, corrupt or incompatible."""


class InvalidQueryError(TahqiqError):
    """A search query or claim is empty or unusable."""

    exit_code = 2


class ArchiveError(TahqiqError):
    """The WARC archive of fetched responses cannot be written or read back: a file is
    missing, or a record is damaged or does not match the digest it is cited by."""


class FetchError(TahqiqError):
    """A URL could not be fetched within tahqiq's limits (:mod:`tahqiq.fetch`).

    ``reason`` is one line for people; ``status`` is the HTTP status when a server
    answered, else ``None``.
    """

    exit_code = 5

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


class BlockedURLError(FetchError):
    """The SSRF guard refused the URL: not http(s), credentials in it, or no host."""


class BlockedAddressError(BlockedURLError):
    """The SSRF guard refused an address: loopback, private, link-local, metadata..."""


class RobotsDisallowedError(FetchError):
    """The site's robots.txt disallows the URL to tahqiq's user agent."""


class FetchTimeoutError(FetchError):
    """Connecting or reading took too long, or the whole fetch passed its deadline."""


class FetchConnectionError(FetchError):
    """The host could not be resolved or reached, or broke the HTTP exchange."""


class FetchTooLargeError(FetchError):
    """The response body (decompressed) is over the fetch size limit."""


class ContentTypeError(FetchError):
    """The response is of a content type the fetch does not accept (not HTML or a feed)."""


class RedirectError(FetchError):
    """Too many redirects, a redirect loop, or a redirect without a usable Location."""


class FetchStatusError(FetchError):
    """The server answered with an HTTP error status (after any retries).

    ``answer`` is that answer (a :class:`~tahqiq.core.types.FetchResult`, its body cut
    at :data:`ERROR_BODY_BYTES`), so it can be archived like any other."""

    answer: object = None
