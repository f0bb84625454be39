"""Bytes to text: one test row per encoding, forced encodings, bytes that are not text, newlines, and
the control-character policy."""

from __future__ import annotations

import pytest

from quotes.decoding import NotText, decode_bytes, normalise_newlines, replace_controls

ARTICLE = "Elmtown council votes\r\nMayor Jo Hale said: “We will rebuild the bridge.” Okafor disagreed.\r\n"
STORED = "Elmtown council votes\nMayor Jo Hale said: “We will rebuild the bridge.” Okafor disagreed.\n"
LEGACY = (  # long enough for detection; each only in characters its encoding has
    "Le maire a déclaré « c’est fini » — voilà, dit Hélène Roe à Elmtown. Café, naïve, résumé.\n" * 3
)
CYRILLIC = "Мэр Элмтауна заявил, что мост будет восстановлен весной, сказала Анна Роу.\n" * 3
JAPANESE = "「橋は春までに再建します」と市長は述べた。議会は反対した。\n" * 3


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (ARTICLE.encode("utf-8"), STORED, "utf-8"),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), STORED, "utf-8"),
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), STORED, "utf-16-le"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), STORED, "utf-16-be"),
        (b"\xff\xfe\x00\x00" + ARTICLE.encode("utf-32-le"), STORED, "utf-32-le"),
        (b"\x00\x00\xfe\xff" + ARTICLE.encode("utf-32-be"), STORED, "utf-32-be"),
        (ARTICLE.encode("utf-16-le"), STORED, "utf-16-le"),  # no mark: detected
        (LEGACY.encode("cp1252"), LEGACY, "cp1252"),
        ("Café news\n".encode("latin-1"), "Café news\n", "cp1252"),  # short: the tie goes to Windows-1252
        (CYRILLIC.encode("koi8-r"), CYRILLIC, "koi8-r"),
        (CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251"),
        (JAPANESE.encode("shift_jis"), JAPANESE, "cp932"),
    ],
    ids=[
        "utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom", "utf-32-be-bom",
        "utf-16-no-bom", "cp1252", "latin-1-short", "koi8-r", "cp1251", "shift-jis",
    ],
)
def test_each_encoding_reads_as_the_same_text(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


def test_a_forced_encoding_wins_and_its_errors_name_the_byte() -> None:
    data = "Grüße aus Elmtown\n".encode("latin-1")
    assert decode_bytes(data, encoding="latin-1").text == "Grüße aus Elmtown\n"
    assert decode_bytes(data, encoding="latin-1").encoding == "iso8859-1"  # the codec's own name
    with pytest.raises(NotText, match=r"not valid utf-8 \(forced with --encoding\) at byte 2") as error:
        decode_bytes(data, encoding="utf-8")
    assert error.value.offset == 2
    with pytest.raises(LookupError):
        decode_bytes(data, encoding="no-such-codec")


def test_a_bad_byte_after_a_byte_order_mark_names_its_offset() -> None:
    with pytest.raises(NotText, match=r"byte order mark\) at byte 4"):
        decode_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        (bytes(range(256)) * 8, 128),  # every byte value: no encoding reads it as prose
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(7, 250)) * 20, 0),
        (b"\x1f\x8b\x08\x00" + bytes((i * 37) % 256 for i in range(4000)), 1),
        (b"Heading\n" + b"\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20, 8),  # valid UTF-8, all controls
    ],
    ids=["all-bytes", "png", "gzip", "control-bytes"],
)
def test_bytes_that_are_not_text_are_refused_with_an_offset(data: bytes, offset: int) -> None:
    with pytest.raises(NotText, match="not text") as error:
        decode_bytes(data)
    assert error.value.offset == offset


def test_mostly_utf8_is_never_read_as_mojibake() -> None:
    good = "“Hale” said café and naïve things\n".encode()
    with pytest.raises(NotText, match=f"not valid UTF-8 at byte {len(good)} although the rest is UTF-8"):
        decode_bytes(good + b"\xe9t\xe9\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("a\r\r\nb", "a\n\nb"),
        ("\ufeffa\n", "a\n"),
        ("a\u2028b\x85c", "a\u2028b\x85c"),  # other line separators are text the parser reads as is
    ],
)
def test_newlines_become_lf(text: str, expected: str) -> None:
    assert normalise_newlines(text) == expected


def test_controls_become_replacement_characters_one_for_one() -> None:
    text = "a\x00b\tc\x1b[31md\x07\ud800\n\x7f\x85"
    replaced, count, first = replace_controls(text)
    assert replaced == "a\ufffdb\tc\ufffd[31md\ufffd\ufffd\n\x7f\x85"
    assert (count, first, len(replaced)) == (4, 1, len(text))
    assert replace_controls("clean\ttext\n") == ("clean\ttext\n", 0, None)
