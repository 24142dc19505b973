"""Getting an article: from a file, a URL or stdin, as plain text or as an HTML page.

Whether the input is HTML is decided by its content, not by a file name or a header, so a
page saved without an extension or piped on stdin is read as a page. From HTML, trafilatura
takes the main text and the page's own metadata (title, date, site name, canonical URL);
photo captions, which it leaves out, are appended after the text because they name the
officials present. The text is what spans index into and what is stored as the source's
``text``, so it is normalised once here (line endings, surrounding blank space) and never
touched again.
"""

from __future__ import annotations

import datetime
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbtool import __version__
from kbtool.errors import KbError, UsageError
from kbtool.ingest.segments import Span

DEFAULT_TIMEOUT = 20.0
MAX_BYTES = 20 * 1024 * 1024  # far above any article; stops a wrong URL filling memory
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAG = re.compile(r"<(?:html|head|body|article|main|p|div|meta|title)[\s>]", re.I)
_HTML_CLOSE = re.compile(r"</(?:p|div|body|html|article|title)>", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


@dataclass(frozen=True)
class Article:
    text: str
    origin: str  # what was read, for the source's description: a path, a URL, "stdin"
    is_html: bool = False
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_on: datetime.date | None = None
    captions: tuple[Span, ...] = ()


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page rather than an article's words."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return bool(_HTML_TAG.search(head) and _HTML_CLOSE.search(text))


def normalise(text: str) -> str:
    """One form for the stored text: Unix line ends, no byte-order mark or outer blanks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff").strip()


def decode(data: bytes, charset: str | None = None) -> str:
    """Bytes as text: the declared charset, else UTF-8, else Windows-1252 (old news sites)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for mark, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(mark):
            return data[len(mark) :].decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        # Text has no NUL bytes; read as Windows-1252 this would be stored as garbage.
        raise KbError("this is not text: it holds NUL bytes (a binary file, or UTF-16 without BOM)")
    declared = charset
    if declared is None:
        meta = _META_CHARSET.search(data[:4096])
        declared = meta.group(1).decode("ascii") if meta else None
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through to the usual guesses
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def fetch(url: str, timeout: float) -> tuple[bytes, str | None, str]:
    """The body of ``url``, its declared charset and the URL it ended at after redirects."""
    request = urllib.request.Request(
        url, headers={"User-Agent": f"kbtool/{__version__} (+kb ingest)", "Accept": "*/*"}
    )
    hint = "check the address and your connection, or save the page and ingest the file"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset()
            final_url: str = response.geturl()
    except urllib.error.HTTPError as error:
        raise KbError(f"cannot fetch {url}: HTTP {error.code} {error.reason}", hint) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            raise KbError(f"cannot fetch {url}: no answer within {timeout:g} s", hint) from None
        raise KbError(f"cannot fetch {url}: {reason}", hint) from None
    except TimeoutError:
        raise KbError(f"cannot fetch {url}: no answer within {timeout:g} s", hint) from None
    except (OSError, ValueError) as error:
        raise KbError(f"cannot fetch {url}: {error}", hint) from None
    if len(data) > MAX_BYTES:
        raise KbError(f"{url} is larger than {MAX_BYTES // (1024 * 1024)} MB; not an article")
    return data, charset, final_url


def read_article(
    target: str,
    read_stdin: Callable[[], bytes],
    timeout: float = DEFAULT_TIMEOUT,
) -> Article:
    """The article at ``target``: a path, an http(s) URL, or ``-`` for standard input."""
    url: str | None = None
    charset: str | None = None
    if target == "-":
        data, origin = read_stdin(), "standard input"
    elif re.match(r"^https?://", target, re.I):
        data, charset, url = fetch(target, timeout)
        origin = target
    elif re.match(r"^[a-z][a-z0-9+.-]*://", target, re.I):
        raise UsageError(f"cannot read {target}: only http and https URLs are supported")
    else:
        from kbtool.store.importing import read_bytes_input

        data = read_bytes_input(target)
        origin = Path(target).name
    text = decode(data, charset)
    if looks_like_html(text):
        return read_html(text, origin, url)
    text = normalise(text)
    if not text:
        raise KbError(f"{origin} is empty")
    return Article(text=text, origin=origin, url=url)


def read_html(html: str, origin: str, url: str | None = None) -> Article:
    """The main text and metadata of an HTML page (needs the ``ingest`` extra)."""
    try:
        import trafilatura
    except ImportError as error:
        # Say what failed: a missing extra, or a broken one (a dependency of trafilatura).
        raise KbError(
            f"reading HTML needs kbtool's ingest extra ({error})",
            hint="pip install 'kbtool[ingest]'",
        ) from None
    extracted: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Real releases list the instruments signed in a table: keep them, a row a line.
        include_tables=True,
        include_images=False,
        # Only a date the page states in its metadata: the extensive search would take a
        # "Copyright 2025" footer for a publication date of 1 January 2025.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = normalise(getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not body:
        raise KbError(f"found no article text in {origin}")
    captions = [c for c in _captions(html) if c not in body]
    text = body
    spans: list[Span] = []
    for caption in captions:
        text += "\n\n"
        spans.append(Span(len(text), len(text) + len(caption)))
        text += caption
    return Article(
        text=text,
        origin=origin,
        is_html=True,
        title=_clean(getattr(extracted, "title", None)),
        outlet=_clean(getattr(extracted, "sitename", None)),
        url=_clean(getattr(extracted, "url", None)) or url,
        published_on=_date(getattr(extracted, "date", None)),
        captions=tuple(spans),
    )


def _captions(html: str) -> list[str]:
    """The text of each ``<figcaption>``, one line each, in page order."""
    # lxml comes with trafilatura; it ships no type information.
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[str] = []
    for element in tree.iter("figcaption"):
        words = " ".join(element.text_content().split())
        if words and words not in found:
            found.append(words)
    return found


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _date(value: object) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
