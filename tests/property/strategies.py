"""Hypothesis strategies for Arabic (and mixed) text."""

from __future__ import annotations

from hypothesis import strategies as st

#: Arabic base letters hamza..yeh (without tatweel).
ARABIC_LETTERS = "".join(chr(cp) for cp in range(0x0621, 0x064B) if cp != 0x0640)
#: Harakat, tanween, shadda, sukun, superscript alef.
DIACRITICS = "".join(chr(cp) for cp in range(0x064B, 0x0653)) + "\u0670"
TATWEEL = "\u0640"
EASTERN_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
PUNCTUATION = ".,،؛؟?!:;«»\"“”„‹›'()[]-/|%…"
INVISIBLE = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\ufeff\u00ad"
SPACES = " \t\u00a0\u2009"
PRESENTATION = "".join(chr(cp) for cp in (0xFEFB, 0xFEF5, 0xFE8D, 0xFE91, 0xFEE1, 0xFB50, 0xFEF3, 0xFE70))
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFXYZéü"

arabic_word = st.text(alphabet=ARABIC_LETTERS, min_size=1, max_size=9)
decorated_word = st.text(
    alphabet=ARABIC_LETTERS + DIACRITICS + TATWEEL + INVISIBLE, min_size=1, max_size=12
)
number = st.text(alphabet="0123456789" + EASTERN_DIGITS + PERSIAN_DIGITS, min_size=1, max_size=5)
latin_word = st.text(alphabet=LATIN, min_size=1, max_size=8)
punct = st.text(alphabet=PUNCTUATION, min_size=1, max_size=3)
space = st.text(alphabet=SPACES, min_size=1, max_size=3) | st.sampled_from(["\n", "\n\n", " \n "])

token = st.one_of(arabic_word, arabic_word, decorated_word, number, latin_word, punct,
                  st.text(alphabet=PRESENTATION, min_size=1, max_size=3))


@st.composite
def arabic_text(draw: st.DrawFn, max_tokens: int = 30) -> str:
    """Mixed text: Arabic words (plain and decorated), digits, Latin, punctuation, spaces."""
    tokens = draw(st.lists(token, max_size=max_tokens))
    seps = draw(st.lists(space, min_size=len(tokens), max_size=len(tokens)))
    return "".join(t + s for t, s in zip(tokens, seps, strict=True))


#: Any text at all, to check that nothing raises.
any_text = st.text(max_size=200)
#: Either kind.
texts = arabic_text() | any_text
