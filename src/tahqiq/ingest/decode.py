"""Turn the bytes of a file into text: Unicode encodings and Arabic code pages.

Detection order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a BOM, recognised by its high bytes: Arabic and Latin text
   in UTF-16 has ``0x06`` or ``0x00`` in every other byte;
3. NUL bytes left over mean binary;
4. strict UTF-8 (or UTF-8 with a handful of broken bytes);
5. Windows-1256 versus ISO-8859-6: both are decoded and the one whose
   letters are more likely Arabic (letter frequencies, Latin letters glued to
   Arabic ones, C1 control characters) wins; ties go to Windows-1256.

Binary data (NUL bytes, many control characters) and text that reads as
nothing plausible raise :class:`~tahqiq.errors.DecodingError`.
"""

from __future__ import annotations

import codecs
import math
import re
import unicodedata
from functools import cache

from ..core.errors import DecodingError

#: Path placeholder in errors raised by :func:`decode_bytes` (callers re-label).
_NO_PATH = "<bytes>"

#: Control characters not expected in text (tab, newlines, form feed and ESC are).
_BAD_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")

#: Above this share of control characters the data is binary.
_MAX_CONTROL_SHARE = 0.05

#: Characters scored when choosing between the Arabic code pages.
_SCORE_SAMPLE = 32768

#: Share of broken sequences tolerated before UTF-8 is given up.
_MAX_UTF8_ERROR_SHARE = 0.02

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Approximate frequencies (%) of Arabic letters in news text.
_LETTER_FREQ = {
    "ا": 12.0,
    "ل": 9.5,
    "ي": 6.8,
    "م": 5.8,
    "و": 5.6,
    "ن": 5.5,
    "ه": 3.6,
    "ر": 4.4,
    "ت": 4.3,
    "ب": 3.8,
    "ع": 3.3,
    "ة": 2.9,
    "ف": 2.8,
    "د": 2.7,
    "ك": 2.4,
    "س": 2.4,
    "ق": 2.3,
    "أ": 2.6,
    "ح": 1.9,
    "ى": 1.2,
    "ج": 1.3,
    "إ": 0.9,
    "ش": 1.0,
    "ص": 0.9,
    "ط": 0.9,
    "خ": 0.8,
    "ض": 0.6,
    "ز": 0.5,
    "ث": 0.6,
    "ذ": 0.6,
    "غ": 0.4,
    "ظ": 0.2,
    "ئ": 0.5,
    "ء": 0.3,
    "ؤ": 0.2,
    "آ": 0.2,
}

_LOG_RARE_ARABIC = math.log(0.001)
_LOG_HARAKA = math.log(0.02)
_LOG_PUNCT = math.log(0.5)
_LOG_SYMBOL = math.log(0.01)
_LOG_CONTROL = math.log(0.000001)
_GLUE_PENALTY = 8.0
_WORD_BONUS = 5.0
#: Words of a single-byte text looked up in wordfreq to tell its two code pages apart.
_WORDS_LOOKED_UP = 300

#: Above this share of non-ASCII characters glued oddly to Arabic letters, no
#: single-byte reading is plausible.
_MAX_GLUED_SHARE = 0.1

#: Frequent short words, spelled the same in no other reading.
_FUNCTION_WORDS = frozenset(
    "في من على إلى عن مع أن إن لا ما لم لن قد هذا هذه ذلك التي الذي كان بعد قبل".split()
)


class _Undecodable(ValueError):
    """Internal: no plausible single-byte reading."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to ``(text, encoding_name)``.

    Encoding names are Python codec names: ``utf-8``, ``utf-8-sig``,
    ``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``cp1256``
    (Windows-1256) or ``iso-8859-6``.  A byte-order mark is never part of the
    text.  Raises :class:`~tahqiq.errors.DecodingError` for binary data or
    bytes in no supported encoding.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            codec = "utf-8" if name == "utf-8-sig" else name
            try:
                return _checked(body.decode(codec)), name
            except UnicodeDecodeError as exc:
                raise DecodingError(_NO_PATH, f"invalid {name} after its byte-order mark") from exc
    name = _sniff_utf16(data)
    if name is not None:
        try:
            return _checked(data.decode(name)), name
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodingError(_NO_PATH, "binary file (not text)")
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    text = _lenient_utf8(data)
    if text is not None:
        return _checked(text), "utf-8"
    try:
        return _best_single_byte(data)
    except _Undecodable:
        raise DecodingError(
            _NO_PATH, "undecodable bytes: not UTF-8/UTF-16/Windows-1256/ISO-8859-6"
        ) from None


def _checked(text: str) -> str:
    """``text`` unless it has too many control characters (binary)."""
    if text and _control_share(text) > _MAX_CONTROL_SHARE:
        raise DecodingError(_NO_PATH, "binary file (not text)")
    return text


def _control_share(text: str) -> float:
    sample = text[:65536]
    return len(_BAD_CONTROLS.findall(sample)) / len(sample)


def looks_like_utf16(data: bytes) -> bool:
    """Whether ``data`` (a file's first bytes) looks like BOM-less UTF-16."""
    return _sniff_utf16(data[: len(data) // 2 * 2]) is not None


def _sniff_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the bytes look like BOM-less UTF-16."""
    if len(data) < 2 or len(data) % 2:
        return None
    sample = data[:65536]
    even, odd = sample[0::2], sample[1::2]

    def high_share(part: bytes) -> float:
        return (part.count(0) + part.count(6)) / len(part)

    odd_share, even_share = high_share(odd), high_share(even)
    if odd_share >= 0.7 and even_share <= 0.3:
        return "utf-16-le"
    if even_share >= 0.7 and odd_share <= 0.3:
        return "utf-16-be"
    return None


def _lenient_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken sequences (e.g. a truncated file), or None."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    non_ascii = sum(1 for ch in text if ch > "\x7f")
    good = non_ascii - errors
    if good >= 20 and errors <= _MAX_UTF8_ERROR_SHARE * good:
        return text
    return None


def _best_single_byte(data: bytes) -> tuple[str, str]:
    """The more Arabic-looking of the Windows-1256 and ISO-8859-6 readings."""
    candidates: list[tuple[float, int, str, str, int]] = []
    for rank, name in enumerate(("cp1256", "iso-8859-6")):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score, glued = _arabic_score(text[:_SCORE_SAMPLE])
        score += _WORD_BONUS * _known_words(text[:_SCORE_SAMPLE])
        candidates.append((score, -rank, name, text, glued))
    if not candidates:
        raise _Undecodable
    _, _, name, text, glued = max(candidates)
    text = _checked(text)
    non_ascii = sum(1 for ch in text[:_SCORE_SAMPLE] if ch > "\x7f")
    if non_ascii and glued > _MAX_GLUED_SHARE * non_ascii:
        raise _Undecodable
    return text, name


def _known_words(text: str) -> int:
    """How many of the first :data:`_WORDS_LOOKED_UP` words are common Arabic words (wordfreq
    Zipf >= 3): the two code pages map some letters onto each other (ك/م), and a text of
    such letters reads as Arabic either way, but only one reading gives words (أكدت, not أمدت)."""
    from wordfreq import zipf_frequency

    words = text.split()[:_WORDS_LOOKED_UP]
    return sum(zipf_frequency(w, "ar") >= 3.0 for w in words)


def _arabic_score(text: str) -> tuple[float, int]:
    """How Arabic-like ``text`` reads (higher: more), and its count of odd
    characters glued to Arabic letters (Latin letters, symbols)."""
    logp = _letter_logp()
    total = 0.0
    glued = 0
    prev_arabic = False
    pending = 0  # letters/symbols seen since the last Arabic letter
    for ch in text:
        value = logp.get(ch)
        if value is not None:
            total += value
            glued += pending
            pending, prev_arabic = 0, True
        elif ch.isascii() and ch.isalpha():
            glued += prev_arabic
            pending, prev_arabic = 1, False
        elif ch <= "\x7f" or unicodedata.category(ch)[0] in "PZ":
            total += 0.0 if ch <= "\x7f" else _LOG_PUNCT
            pending, prev_arabic = 0, False
        else:
            value = _char_logp(ch)
            total += value
            if value == _LOG_HARAKA:  # marks follow a letter (or its other marks)
                glued += not prev_arabic
            elif value == _LOG_RARE_ARABIC:
                prev_arabic = True
            elif value <= _LOG_SYMBOL:
                glued += prev_arabic
                pending += not prev_arabic
    words = text.split()
    total += _WORD_BONUS * sum(1 for w in words if w.startswith(("ال", "وال", "بال")))
    total += _WORD_BONUS * sum(1 for w in words if w in _FUNCTION_WORDS)
    return total - glued * _GLUE_PENALTY, glued


def _char_logp(ch: str) -> float:
    """Log-probability of a non-ASCII character that is no common Arabic letter."""
    if "\x80" <= ch <= "\x9f":
        return _LOG_CONTROL
    if "\u064b" <= ch <= "\u0652":
        return _LOG_HARAKA
    if "\u0600" <= ch <= "\u06ff":
        return _LOG_RARE_ARABIC
    return _LOG_SYMBOL


@cache
def _letter_logp() -> dict[str, float]:
    total = sum(_LETTER_FREQ.values())
    return {ch: math.log(freq / total) for ch, freq in _LETTER_FREQ.items()}
