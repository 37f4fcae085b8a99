"""The speed benchmark under pytest-benchmark (not part of the test suite):

    python -m pytest benchmarks/test_speed_bench.py --benchmark-enable

Each input kind at 1 MB, fixtext and ftfy side by side (group = input kind);
every round gets a piece of text no earlier round saw (see speed.fresh_texts).
"""

import ftfy
import pytest

import fixtext
from inputs import INPUTS, PATHOLOGICAL
from speed import fresh_texts

SIZE = 1_000_000
ROUNDS = 5
KINDS = {**INPUTS, **PATHOLOGICAL}


@pytest.mark.parametrize("tool", [fixtext.fix_text, ftfy.fix_text], ids=["fixtext", "ftfy"])
@pytest.mark.parametrize("name", list(KINDS))
def test_throughput(benchmark, name, tool):
    texts = fresh_texts(KINDS[name], SIZE, ROUNDS + 1)  # one for the warm-up round
    benchmark.group = name
    benchmark.extra_info["MB"] = len(texts[0].encode("utf-8")) / 1e6
    benchmark.pedantic(tool, setup=lambda: ((texts.pop(),), {}), rounds=ROUNDS, warmup_rounds=1)
