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
