"""Text helpers that know Vietnamese."""

import unicodedata

from django.utils.text import slugify


def slugify_vi(value: str) -> str:
    """Slugify Vietnamese text: NFKD strips tone marks but keeps đ, so map it first."""
    return slugify(str(value).replace("đ", "d").replace("Đ", "D"))


# The Vietnamese alphabet, with the Latin letters it lacks (f, j, w, z) where
# the Latin alphabet puts them: a ă â b c d đ e ê ... o ô ơ ... u ư ... y.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET, start=1)}
# Marks that make a new letter (ă, â, ê, ô, ơ, ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _other_rank(char: str) -> float:
    """Spaces and punctuation before digits, digits before letters, anything else after."""
    if char.isdigit():
        return 0.5 + int(char) / 100 if char in "0123456789" else 0.5
    if not char.isalnum():
        return 0
    return 100 + ord(char)


def vi_sort_key(value: str) -> tuple:
    """A sort key in Vietnamese dictionary order: letters first (Anh before
    Ấn Độ, Đài Loan after every D), then tones, then case.
    What PostgreSQL's ``vi-x-icu`` collation does, for lists sorted in Python."""
    letters, tones = [], []
    for char in str(value):
        decomposed = unicodedata.normalize("NFD", char.lower())
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        letters.append(_RANK.get(letter, _other_rank(letter)))
        tones.append(tone)
    return (tuple(letters), tuple(tones), str(value))
