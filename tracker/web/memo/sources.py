"""The memo's one numbered list of sources: official ones first, each fact citing them by number."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tracker.sources.selectors import is_official, kind_label

#: An http(s) URL inside a sentence, bare or in the angle brackets the engine's explanations put around it.
URL_IN_TEXT = re.compile(r"<?(https?://[^\s<>]+?)>?(?=[\s;,)]|\.(?:\s|$)|$)")


def safe_href(url: object) -> str:
    """The URL if it is an absolute http(s) link, else "" (imported text never becomes a script link)."""
    text = str(url or "").strip()
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else ""


@dataclass(eq=False)
class Cited:
    """One entry of the list of sources; its number is set once every source of the memo is known."""

    title: str
    href: str
    kind: str = ""
    publisher: str = ""
    published_on: date | str | None = None
    number: int = 0

    @property
    def official(self) -> bool:
        """The law's own text, an official record or a court's opinion."""
        return is_official(self.kind)

    @property
    def kind_words(self) -> str:
        """'official: …', 'secondary: …', or '' when the kind was never recorded."""
        return kind_label(self.kind)


@dataclass
class Piece:
    """A run of text, optionally followed by a source number."""

    text: str
    ref: Cited | None = None

    @property
    def refs(self) -> list[Cited]:
        """The source it names, as a list for the template."""
        return [self.ref] if self.ref else []


@dataclass
class SourceList:
    """Sources cited in one memo, deduplicated by id and by URL, numbered official first."""

    entries: list[Cited] = field(default_factory=list)
    _by_key: dict[Any, Cited] = field(default_factory=dict)

    def add(self, source: Any) -> Cited | None:
        """Register a Source row or an evidence dict ({id, title, url, kind…}); the entry that cites it."""
        get = source.get if isinstance(source, dict) else lambda name, default=None: getattr(source, name, default)
        href = safe_href(get("url"))
        title = str(get("title") or href or "").strip()
        if not title:
            return None
        key = ("id", get("id")) if isinstance(get("id"), int) else ("url", href or title)
        known = self._by_key.get(key) or (self._by_key.get(("url", href)) if href else None)
        if known is None:
            known = Cited(
                title=title,
                href=href,
                kind=str(get("kind") or ""),
                publisher=str(get("publisher") or ""),
                published_on=get("published_on"),
            )
            self.entries.append(known)
        elif known.title == known.href and title != href:
            # First seen as a bare URL inside a sentence; the source's own record names it.
            known.title, known.kind, known.publisher = title, str(get("kind") or ""), str(get("publisher") or "")
            known.published_on = get("published_on")
        elif not known.kind and get("kind"):
            known.kind = str(get("kind"))
        self._by_key[key] = known
        if href:
            self._by_key[("url", href)] = known
        return known

    def add_all(self, sources: Any) -> list[Cited]:
        """Register several sources; their entries, each once, in order."""
        cited: list[Cited] = []
        for source in sources or []:
            entry = self.add(source)
            if entry is not None and entry not in cited:
                cited.append(entry)
        return cited

    def link(self, url: object, title: str) -> Cited | None:
        """Register a bare link (an official text's or an agreement's URL) under a title, unless already cited."""
        href = safe_href(url)
        return self.add({"url": href, "title": title}) if href else None

    def text(self, sentence: str) -> list[Piece]:
        """A sentence with each URL in it replaced by its source's number ("Title <url>; …" by numbers alone)."""
        pieces: list[Piece] = []
        last = 0
        for match in URL_IN_TEXT.finditer(sentence):
            href = safe_href(match.group(1))
            entry = self._by_key.get(("url", href)) or self.link(href, href)
            before = sentence[last : match.start()].rstrip(" ")
            if entry is not None and match.group(0).startswith("<") and before.endswith(entry.title):
                before = before[: -len(entry.title)].rstrip(" ")  # the title is in the list of sources
            if before == ";" and pieces and pieces[-1].ref:
                before = ""
            pieces.append(Piece(before + (" " if before.endswith(":") else ""), entry))
            last = match.end()
        pieces.append(Piece(sentence[last:]))
        return pieces

    def number(self) -> list[Cited]:
        """Number the entries, official first, each group in the order first cited; the numbered list."""
        ordered = sorted(self.entries, key=lambda e: not e.official)
        for n, entry in enumerate(ordered, start=1):
            entry.number = n
        self.entries = ordered
        return ordered
