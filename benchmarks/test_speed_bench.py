"""The speed benchmark under pytest-benchmark (not part of the test suite):

    python -m pytest benchmarks/test_speed_bench.py --benchmark-enable

Each input kind at 1 MB, fixtext and ftfy side by side (group = input kind).
"""

import ftfy
import pytest

import fixtext
from inputs import INPUTS, PATHOLOGICAL

SIZE = 1_000_000
KINDS = {**INPUTS, **PATHOLOGICAL}


@pytest.fixture(scope="module", params=list(KINDS))
def text(request):
    return request.param, KINDS[request.param](SIZE)


@pytest.mark.parametrize("tool", [fixtext.fix_text, ftfy.fix_text], ids=["fixtext", "ftfy"])
def test_throughput(benchmark, text, tool):
    name, value = text
    benchmark.group = name
    benchmark.extra_info["MB"] = len(value.encode("utf-8")) / 1e6
    benchmark.pedantic(tool, args=(value,), rounds=5, warmup_rounds=1)
