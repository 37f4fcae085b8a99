"""The false-positive corpus's CI slice: real clean documents, whole, come back unchanged.

Every translated man page installed on the machine that is valid UTF-8 and
holds no C1 control (the rules of ``benchmarks/corpus.machine_documents``),
read whole: evidence that builds up across a long page is where clean text
gets overturned. Nothing here is written for the test. A machine without
translated man pages skips the page test and says so; the rest of the
false-positive corpus (Debian's packages, CLDR) needs the cache that
``tools/build_corpus.py`` builds, and is ``benchmarks/false_positives.py``'s.
"""

from __future__ import annotations

import pytest

import fixtext
from benchmarks import corpus

_PAGES = list(corpus.machine_documents())


@pytest.mark.skipif(not _PAGES, reason="/usr/share/man holds no translated man pages on this machine")
def test_every_clean_man_page_on_the_machine_is_unchanged():
    changed = []
    for page in _PAGES:
        explained = fixtext.fix_and_explain(page.text)
        if explained.text != page.text:
            step = explained.steps[0]
            changed.append(f"{page.doc_id}: {step.before!r} -> {step.after!r} ({step.layer}, {step.chain_label})")
    assert not changed, f"{len(changed)} of {len(_PAGES)} clean pages changed:\n" + "\n".join(changed[:20])

