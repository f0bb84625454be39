"""Bytes to article text: byte order marks, UTF-8, legacy encodings (charset-normalizer), newlines, and
the control-character policy.

Order of trust: an encoding the user forces; a byte order mark (UTF-32, UTF-8, UTF-16); strict UTF-8;
then charset-normalizer's best guess. When several legacy encodings read the bytes equally well,
Windows-1252 wins (the usual legacy encoding of Western newsrooms): `--encoding` forces another.
Bytes that are mostly UTF-8 with a few bad bytes, and bytes that are not text, are refused with the byte
offset of the first bad byte rather than read as mojibake.

Stored text is newline-normalised (CRLF and CR become LF, a leading BOM is dropped), so the same article
saved on another system hashes alike, and offsets index exactly the text that is stored.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BOM = "\ufeff"
# Longest first: a UTF-32-LE mark begins with the UTF-16-LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
PREFERRED_LEGACY = "cp1252"
# C0 controls other than tab, LF and CR, plus lone surrogates (JSON "\ud800" escapes): PostgreSQL refuses
# NUL and neither backend can encode a surrogate, so both become U+FFFD, one character for one.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
REPLACEMENT = "\ufffd"
BINARY_CONTROL_SHARE = 0.05  # more control characters than this (in the first SNIFF_CHARS): not text
SNIFF_CHARS = 65536
_NEWLINES = re.compile("\r\n?")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class NotText(ValueError):
    """Bytes that cannot be read as text; the message names the byte offset."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # BOM removed, newlines as LF
    encoding: str  # a Python codec name: "utf-8", "utf-16-le", "cp1252"...


def check_encoding(name: str) -> str:
    """The codec's canonical name; raises LookupError for an unknown one."""
    return codecs.lookup(name).name


def decode_bytes(data: bytes, *, encoding: str | None = None) -> Decoded:
    """The text in `data`: see the module docstring for the order in which encodings are tried."""
    if encoding is not None:
        codec = check_encoding(encoding)
        return _checked(_strict(data, codec, forced=True), codec)
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _checked(_strict(data[len(mark) :], codec, forced=False), codec)
    try:
        utf8_text: str | None = data.decode("utf-8")
        utf8_error = 0
    except UnicodeDecodeError as error:
        utf8_text, utf8_error = None, error.start
    if utf8_text is not None and b"\x00" not in data:
        return _checked(utf8_text, "utf-8")
    if utf8_text is not None:  # NUL bytes: UTF-16/32 without a mark, or UTF-8 text with stray NULs
        guess = _guess(data)
        if guess is not None and guess[0].startswith(("utf-16", "utf-32")):
            return _checked(guess[1], guess[0])
        return _checked(utf8_text, "utf-8")
    if _mostly_utf8(data):
        raise NotText(
            f"not valid UTF-8 at byte {utf8_error} although the rest is UTF-8: fix the file or force an "
            "encoding with --encoding",
            utf8_error,
        )
    guess = _guess(data)
    if guess is None:
        raise NotText(f"not text: no encoding reads these bytes (not UTF-8 from byte {utf8_error})", utf8_error)
    return _checked(guess[1], guess[0])


def normalise_newlines(text: str) -> str:
    """`text` without a leading BOM, with CRLF and lone CR as LF."""
    text = text.removeprefix(BOM)
    return _NEWLINES.sub("\n", text) if "\r" in text else text


def replace_controls(text: str) -> tuple[str, int, int | None]:
    """`text` with C0 controls (but tab, LF, CR) and lone surrogates as U+FFFD: the new text, how many
    were replaced, and the offset of the first (offsets stay valid: one character for one)."""
    first = CONTROL_CHARACTERS.search(text)
    if first is None:
        return text, 0, None
    replaced, count = CONTROL_CHARACTERS.subn(REPLACEMENT, text)
    return replaced, count, first.start()


def _strict(data: bytes, codec: str, *, forced: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        how = "forced with --encoding" if forced else "declared by its byte order mark"
        raise NotText(f"not valid {codec} ({how}) at byte {error.start}", error.start) from error


def _checked(text: str, encoding: str) -> Decoded:
    """Refuse text that is mostly control characters (a binary file read as text)."""
    sample = text[:SNIFF_CHARS]
    controls = CONTROL_CHARACTERS.findall(sample)
    if len(controls) > max(8, BINARY_CONTROL_SHARE * len(sample)):
        first = CONTROL_CHARACTERS.search(sample)
        offset = len(sample[: first.start() if first else 0].encode(encoding, errors="replace"))
        raise NotText(f"not text: binary data (control bytes from byte {offset}, read as {encoding})", offset)
    return Decoded(normalise_newlines(text), encoding)


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that fail as UTF-8 still hold more valid UTF-8 sequences than bad bytes."""
    sequences = len(_UTF8_MULTIBYTE.findall(data))
    if sequences < 2:
        return False
    bad = data.decode("utf-8", errors="replace").count(REPLACEMENT)
    return sequences >= bad


def _guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of `data` as (codec, text), or None when nothing fits."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = [match for match in matches if match.chaos <= best.chaos and match.coherence >= best.coherence]
    if best.encoding != PREFERRED_LEGACY and any(PREFERRED_LEGACY in m.could_be_from_charset for m in tied):
        try:
            return PREFERRED_LEGACY, data.decode(PREFERRED_LEGACY)
        except UnicodeDecodeError:
            pass
    return _python_codec(best.encoding), str(best)


def _python_codec(name: str) -> str:
    return codecs.lookup(name).name
