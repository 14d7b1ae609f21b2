"""Social card images: the picture a link shows when it is shared.

A card is 1200x630 pixels (the size Open Graph and X recommend): the hub's
name and mark on its dark blue band, a line above a large title (which text
goes where is sharing.py's choice), and themes as coloured pills like the
site's badges, in the colours of `overrides/assets/hub.css`.
It is drawn with Pillow in Liberation Sans (SIL Open Font License, shipped in
`fonts/` beside this file, with its licence), so every machine draws the same
pixels and rebuilds are byte-identical.

Drawing costs tens of milliseconds a card, so cards are kept in a cache
folder outside the site, named by a hash of everything drawn and of the
drawing itself (this module's code, the fonts, Pillow and FreeType): a rebuild
draws only the cards whose text changed, and copies the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
from dataclasses import asdict, dataclass
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parent / "fonts"
BOLD, REGULAR = FONTS / "LiberationSans-Bold.ttf", FONTS / "LiberationSans-Regular.ttf"

MARGIN = 72
BAND = 120  # the height of the branded band at the top
LOGO_SIZE = 96
TITLE_TOP, TITLE_BOTTOM = 246, 496
TITLE_SIZES = (88, 76, 68, 60, 52, 46)  # the largest that fits is used
PILL_TOP, PILL_HEIGHT = 526, 48
ELLIPSIS = "\u2026"
MAX_TITLE = 400  # characters: more than the card holds at its smallest size
UNUSED_DAYS = 30  # a cached card no build has used for this long is removed


@dataclass(frozen=True)
class Palette:
    """The hub's colours, from its style sheet (custom properties of the light scheme)."""

    primary: str = "#17476a"
    primary_dark: str = "#0f324c"
    accent: str = "#9c3f12"
    background: str = "#ffffff"
    themes: tuple[tuple[str, str], ...] = ()  # (theme id, colour)

    def theme_colour(self, theme_id: str) -> str:
        return dict(self.themes).get(theme_id, self.primary)


_PROPERTY = re.compile(r"--([\w-]+)\s*:\s*(#[0-9a-fA-F]{6})\b")


def palette_from_css(css: str) -> Palette:
    """Theme colours are `--hub-<theme id>`; the rest are Material's primary and accent.
    Only the first value of each property counts (the light scheme comes first)."""
    found: dict[str, str] = {}
    for name, value in _PROPERTY.findall(css):
        found.setdefault(name, value.lower())
    base = Palette()
    themes = tuple(
        (name[4:], value)
        for name, value in sorted(found.items())
        if name.startswith("hub-") and name != "hub-badge-fg"
    )
    return Palette(
        found.get("md-primary-fg-color", base.primary),
        found.get("md-primary-fg-color--dark", base.primary_dark),
        found.get("md-accent-fg-color", base.accent),
        base.background,
        themes,
    )


@dataclass(frozen=True)
class Card:
    """Everything one card shows: two cards with equal fields are the same picture."""

    kicker: str  # above the title: the content type, or the publisher on the site's own card
    title: str
    pills: tuple[tuple[str, str], ...]  # (label, colour) of each theme
    site_name: str
    host: str  # the site's address, bottom right
    palette: Palette

    @property
    def key(self) -> str:
        """The cache key: the fields, and what draws them."""
        return _key(self)


@lru_cache(maxsize=8192)  # thousands of items share a few dozen cards: each is hashed once
def _key(card: Card) -> str:
    data = json.dumps([asdict(card), _drawing_identity()], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:20]


@cache
def _drawing_identity() -> list[str]:
    """What draws the pixels: this module's code (any edit to it draws every card again),
    the fonts, Pillow and FreeType."""
    code = hashlib.sha256(Path(__file__).read_bytes() + BOLD.read_bytes() + REGULAR.read_bytes()).hexdigest()
    return [code, PIL.__version__, features.version("freetype2") or ""]


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout engine everywhere: the same glyph positions whether or not
    # the machine's Pillow has Raqm, so every build draws the same pixels.
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


@cache
def _has_glyph(char: str) -> bool:
    """Whether the font draws the character itself, rather than its empty box."""
    font = _font(BOLD, 40)
    return _glyph_mask(font, char) != _glyph_mask(font, "\U0010fffd")


def _glyph_mask(font: ImageFont.FreeTypeFont, char: str) -> tuple:
    mask = font.getmask(char)
    return mask.size, bytes(mask)


def drawable(text: str) -> str:
    """The text as the card can draw it: composed, with characters the font lacks (and
    right-to-left ones, which the basic layout cannot order) left out, spaces collapsed."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        kind = unicodedata.category(char)
        if char.isspace() or kind.startswith("Z"):
            kept.append(" ")
        elif kind.startswith("C"):  # controls, format characters (zero-width joiners...): unseen
            continue
        elif unicodedata.bidirectional(char) not in ("R", "AL") and _has_glyph(char):
            kept.append(char)
    return " ".join("".join(kept).split())


def legible(text: str) -> bool:
    """Enough of the text survives `drawable` to be worth showing."""
    letters = [c for c in text if c.isalnum()]
    return bool(letters) and sum(c.isalnum() for c in drawable(text)) * 2 >= len(letters)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, lines: int) -> tuple[list[str], bool]:
    """Up to `lines` lines no wider than `width`, and whether all the text fitted.
    Words too long for a line are broken between characters."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while font.getlength(line) > width:  # one long word: split it
            cut = _fit(line, font, width)
            out.append(line[:cut])
            line = line[cut:]
            if len(out) == lines:
                return out, False
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        out.append(line)
    return out, not words


def _fit(text: str, font: ImageFont.FreeTypeFont, width: int) -> int:
    """The most leading characters of `text` (at least one) no wider than `width`."""
    low, high = 1, len(text)  # binary search: a word may be thousands of characters long
    while low < high:
        mid = (low + high + 1) // 2
        if font.getlength(text[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return low


def one_line(text: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The text as it is if it fits in `width`, else shortened."""
    return text if font.getlength(text) <= width else shorten(text[: _fit(text, font, width)], font, width)


def shorten(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    """The line with an ellipsis, cut at a word if it can be, within `width`."""
    while line and font.getlength(line + ELLIPSIS) > width:
        head = line.rpartition(" ")[0]
        line = (head or line[:-1]).rstrip(" ,;:.-\u2013\u2014")
    return line + ELLIPSIS


def title_lines(title: str, width: int) -> tuple[list[str], ImageFont.FreeTypeFont]:
    """The title at the largest size whose lines fit the title area; at the
    smallest size, cut with an ellipsis."""
    clipped = len(title) > MAX_TITLE
    title = title[:MAX_TITLE]
    for size in TITLE_SIZES:
        font = _font(BOLD, size)
        lines_fit = (TITLE_BOTTOM - TITLE_TOP) // int(size * 1.18)
        lines, whole = wrap(title, font, width, lines_fit)
        if whole and not clipped:
            return lines, font
    lines[-1] = shorten(lines[-1], font, width)
    return lines, font


def draw(card: Card) -> bytes:
    """The card as PNG bytes (no timestamps or other metadata: the same card is the same bytes)."""
    pal = card.palette
    image = Image.new("RGB", (WIDTH, HEIGHT), pal.background)
    pen = ImageDraw.Draw(image)
    _draw_band(image, pen, card)
    kicker, font = drawable(card.kicker).upper(), _font(BOLD, 28)
    pen.text((MARGIN, 176), one_line(kicker, font, WIDTH - 2 * MARGIN), font=font, fill=pal.accent)
    lines, font = title_lines(drawable(card.title), WIDTH - 2 * MARGIN)
    step = int(font.size * 1.18)
    for n, line in enumerate(lines):
        pen.text((MARGIN, TITLE_TOP + n * step), line, font=font, fill=pal.primary_dark)
    font = _font(REGULAR, 26)
    host = one_line(drawable(card.host), font, WIDTH // 2 - MARGIN)
    pen.text((WIDTH - MARGIN, PILL_TOP + PILL_HEIGHT // 2), host, font=font, fill="#4d4d4d", anchor="rm")
    _draw_pills(pen, card, WIDTH - MARGIN - int(font.getlength(host)) - 32)
    # A strip of the accent colour closes the card at the foot.
    pen.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=pal.accent)
    out = BytesIO()
    image.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _draw_band(image: Image.Image, pen: ImageDraw.ImageDraw, card: Card) -> None:
    pen.rectangle((0, 0, WIDTH, BAND), fill=card.palette.primary)
    mark = _mark(LOGO_SIZE)
    image.paste("#ffffff", (MARGIN, (BAND - LOGO_SIZE) // 2), mark)
    font = _font(BOLD, 40)
    name = one_line(drawable(card.site_name), font, WIDTH - 2 * MARGIN - LOGO_SIZE - 24)
    pen.text((MARGIN + LOGO_SIZE + 24, BAND // 2), name, font=font, fill="#ffffff", anchor="lm")


@cache
def _mark(size: int) -> Image.Image:
    """The hub's mark (overrides/assets/logo.svg: three rings around a dot, on a 48 grid)
    as a smooth mask: drawn four times larger, then scaled down."""
    big = size * 4
    s = big / 48
    mask = Image.new("L", (big, big), 0)
    pen = ImageDraw.Draw(mask)
    # SVG strokes straddle the path: 11 +- 1.75 for a 3.5 wide ring.
    for cx, cy in ((17, 19), (31, 19), (24, 31)):
        pen.ellipse(_circle(cx, cy, 12.75, s), outline=255, width=round(3.5 * s))
    pen.ellipse(_circle(24, 23, 3.5, s), fill=255)
    return mask.resize((size, size), Image.Resampling.LANCZOS)


def _circle(cx: float, cy: float, r: float, scale: float) -> tuple[float, float, float, float]:
    return ((cx - r) * scale, (cy - r) * scale, (cx + r) * scale, (cy + r) * scale)


def _draw_pills(pen: ImageDraw.ImageDraw, card: Card, right: int) -> None:
    font = _font(BOLD, 26)
    x = MARGIN
    for label, colour in card.pills[:3]:
        text = one_line(drawable(label), font, WIDTH // 2)
        if not text:
            continue
        width = int(font.getlength(text)) + 44
        if x + width > right:  # keep clear of the address
            break
        pen.rounded_rectangle((x, PILL_TOP, x + width, PILL_TOP + PILL_HEIGHT), radius=24, fill=colour)
        pen.text((x + 22, PILL_TOP + PILL_HEIGHT // 2), text, font=font, fill="#ffffff", anchor="lm")
        x += width + 14


def ensure_cards(cards: list[Card], cache_dir: Path) -> tuple[dict[str, Path], int]:
    """Each card's file in the cache, drawing only those not there yet; with how many
    were drawn. A card found is marked as used (its time stamp); cards no build has
    used for `UNUSED_DAYS` are removed, so the folder does not grow for ever, and
    builds running side by side (a preview and a build) never remove each other's."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    drawn = 0
    for card in cards:
        key = card.key
        if key in paths:
            continue
        path = cache_dir / f"{key}.png"
        if path.is_file():
            os.utime(path)
        else:
            _write_atomically(path, draw(card))
            drawn += 1
        paths[key] = path
    stale = time.time() - UNUSED_DAYS * 86400
    for old in cache_dir.glob("*.png"):
        if old.stem not in paths and old.stat().st_mtime < stale:
            old.unlink(missing_ok=True)
    return paths, drawn


def _write_atomically(path: Path, data: bytes) -> None:
    """A build stopped half-way leaves no half-written card for the next one to trust."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
