"""fixtext over Dask partitions, on Dask's local schedulers."""

import pickle

import pytest

import dask.bag as db
import dask.dataframe as dd
import pandas as pd

import fixtext
from fixtext import Config
from fixtext.integrations.dask import fix_bag, fix_column, fix_partition

BROKEN = "It鈥檚 late 鈥 and the ferry鈥檚 gone."
FIXED = fixtext.fix_text(BROKEN)
CLEAN = "清晨的渡船驶离港口。 “Quiet,” she said."


def test_the_repair_is_a_real_one():
    assert FIXED != BROKEN and "’" in FIXED


def test_fix_text_and_a_config_pickle_for_shipping_to_workers():
    assert pickle.loads(pickle.dumps(fixtext.fix_text))(BROKEN) == FIXED
    config = Config(codecs=("gbk",))
    assert pickle.loads(pickle.dumps(config)) == config


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_bag_repairs_each_document_like_fix_text(scheduler):
    docs = [BROKEN, CLEAN, "", "plain ascii"] * 5
    bag = db.from_sequence(docs, npartitions=3)
    assert fix_bag(bag).compute(scheduler=scheduler) == [fixtext.fix_text(d) for d in docs]


def test_bag_passes_the_config_along():
    only_single_byte = Config(layers=("single-byte",))
    bag = db.from_sequence([BROKEN], npartitions=1)
    assert fix_bag(bag, only_single_byte).compute(scheduler="synchronous") == [BROKEN]


def test_dataframe_column_keeps_missing_values_and_the_index():
    frame = pd.DataFrame({"text": [BROKEN, None, CLEAN, float("nan")], "n": range(4)}, index=list("abcd"))
    ddf = dd.from_pandas(frame, npartitions=2)
    fixed = fix_column(ddf, "text").compute(scheduler="synchronous")
    assert list(fixed.index) == list("abcd")
    assert fixed["a"] == FIXED and fixed["c"] == CLEAN
    assert pd.isna(fixed["b"]) and pd.isna(fixed["d"])  # Dask may store None as <NA>


def test_partition_of_plain_strings():
    assert fix_partition([BROKEN, 3]) == [FIXED, 3]
