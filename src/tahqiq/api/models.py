"""Request bodies of the HTTP API (pydantic models; imported only by the app)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .service import MAX_K

#: Longest claim accepted by ``POST /check``, in characters (the verifier reads 1,000).
MAX_CLAIM_CHARS = 20_000


class CheckRequest(BaseModel):
    """The body of ``POST /check``."""

    claim: str = Field(max_length=MAX_CLAIM_CHARS, description="The claim, in Arabic.")
    k: int = Field(20, ge=1, le=MAX_K, description="How many of the best-matching articles to judge.")
    all: bool = Field(False, description="Also list the articles judged unrelated.")


class WatchRequest(BaseModel):
    """The body of ``POST /claims``."""

    claim: str = Field(max_length=MAX_CLAIM_CHARS,
                       description="The claim to watch, in Arabic: at most 1,000 characters once "
                                   "its whitespace is squeezed (a longer or empty one gets 422).")
