"""Normalization policies: one frozen dataclass of rule settings, and the named presets."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from . import bidi, chars, cjk, dashes, quotes, spaces, width
from .rules import Rule

#: Each field's settings; the first is the default and changes nothing.
CHOICES: dict[str, tuple[object, ...]] = {
    "html": ("keep", "unescape"),
    "terminal_escapes": ("keep", "remove"),
    "c1_controls": ("keep", "remove", "cp1252"),
    "controls": ("keep", "remove"),
    "surrogates": ("keep", "fix"),
    "ligatures": ("keep", "latin"),
    "width": ("keep", "letters", "all"),
    "quotes": ("keep", "straight", "curly"),
    "line_endings": ("keep", "lf"),
    "spaces": ("keep", "ascii"),
    "invisibles": ("keep", "remove"),
    "bidi": ("report", "remove"),
    "dashes": ("keep", "ascii", "typographic"),
    "minus": ("keep", "ascii", "unicode"),
    "ellipsis": ("keep", "ascii", "unicode"),
    "punctuation_width": ("keep", "latin", "context"),
    "cjk_spacing": (False, True),
    "unicode_form": ("keep", "NFC", "NFKC"),
}


@dataclass(frozen=True)
class Policy:
    """Which normalization rules run, and how.  ``Policy()`` changes nothing.

    Rules run in the order of the fields below (the order ftfy applies its
    fixers in, where they overlap), and the whole list is repeated until the
    text stops changing.  :data:`CHOICES` lists each field's settings.
    """

    html: str = "keep"
    terminal_escapes: str = "keep"
    c1_controls: str = "keep"
    controls: str = "keep"
    surrogates: str = "keep"
    ligatures: str = "keep"
    width: str = "keep"
    quotes: str = "keep"
    line_endings: str = "keep"
    spaces: str = "keep"
    invisibles: str = "keep"
    bidi: str = "report"
    dashes: str = "keep"
    minus: str = "keep"
    ellipsis: str = "keep"
    punctuation_width: str = "keep"
    cjk_spacing: bool = False
    unicode_form: str = "keep"

    def __post_init__(self) -> None:
        for item in fields(self):
            value, allowed = getattr(self, item.name), CHOICES[item.name]
            if value not in allowed or type(value) is not type(allowed[0]):
                choices = ", ".join(map(repr, allowed))
                raise ValueError(f"Policy.{item.name} must be one of {choices}, not {value!r}")

    def with_(self, **changes: object) -> Policy:
        return replace(self, **changes)

    def rules(self) -> list[Rule]:
        """The rules this policy runs, in order."""
        return [_FACTORIES[(item.name, getattr(self, item.name))]() for item in fields(self) if (item.name, getattr(self, item.name)) in _FACTORIES]

    def rules_before_repair(self) -> list[Rule]:
        """Rules that uncover text the repair must see (``&Icirc;&frac14;`` is mojibake in disguise)."""
        return [chars.unescape_html()] if self.html == "unescape" else []


_FACTORIES = {
    ("html", "unescape"): chars.unescape_html,
    ("terminal_escapes", "remove"): chars.remove_terminal_escapes,
    ("c1_controls", "remove"): chars.remove_c1_controls,
    ("c1_controls", "cp1252"): chars.c1_as_cp1252,
    ("controls", "remove"): chars.remove_controls,
    ("surrogates", "fix"): chars.fix_surrogates,
    ("ligatures", "latin"): chars.latin_ligatures,
    ("width", "letters"): width.letters,
    ("width", "all"): width.every_width,
    ("quotes", "straight"): quotes.straight,
    ("quotes", "curly"): quotes.curly,
    ("line_endings", "lf"): spaces.lf_line_endings,
    ("spaces", "ascii"): spaces.ascii_spaces,
    ("invisibles", "remove"): spaces.remove_invisibles,
    ("bidi", "remove"): bidi.remove_bidi_controls,
    ("dashes", "ascii"): dashes.ascii_dashes,
    ("dashes", "typographic"): dashes.typographic_dashes,
    ("minus", "ascii"): dashes.ascii_minus,
    ("minus", "unicode"): dashes.unicode_minus,
    ("ellipsis", "ascii"): dashes.ascii_ellipsis,
    ("ellipsis", "unicode"): dashes.unicode_ellipsis,
    ("punctuation_width", "latin"): cjk.punctuation_to_half,
    ("punctuation_width", "context"): cjk.punctuation_by_context,
    ("cjk_spacing", True): cjk.cjk_latin_spacing,
    ("unicode_form", "NFC"): lambda: chars.unicode_form("NFC"),
    ("unicode_form", "NFKC"): lambda: chars.unicode_form("NFKC"),
}

_CLEAN = dict(terminal_escapes="remove", c1_controls="remove", controls="remove", ligatures="latin", unicode_form="NFC")

PRESETS: dict[str, Policy] = {
    "keep": Policy(),
    "ascii": Policy(
        **_CLEAN, width="letters", quotes="straight", line_endings="lf", spaces="ascii", invisibles="remove",
        bidi="remove", dashes="ascii", minus="ascii", ellipsis="ascii", punctuation_width="latin",
    ),
    "typographic": Policy(
        **_CLEAN, width="letters", quotes="curly", invisibles="remove", dashes="typographic", ellipsis="unicode",
        punctuation_width="latin",
    ),
    "cjk": Policy(**_CLEAN, width="letters", invisibles="remove", punctuation_width="context", cjk_spacing=True),
    # ftfy.fix_text's defaults, fixer for fixer (encoding repair is fixtext's own).
    "ftfy": Policy(
        html="unescape", terminal_escapes="remove", c1_controls="cp1252", controls="remove", surrogates="fix",
        ligatures="latin", width="all", quotes="straight", line_endings="lf", unicode_form="NFC",
    ),
}  # fmt: skip


def resolve(policy: Policy | str) -> Policy:
    """A policy, given itself or a preset name; ValueError names the presets."""
    if isinstance(policy, Policy):
        return policy
    if isinstance(policy, str) and policy in PRESETS:
        return PRESETS[policy]
    raise ValueError(f"unknown normalization preset {policy!r}; presets: {', '.join(PRESETS)}")
