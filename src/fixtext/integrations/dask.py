"""Run :func:`fixtext.fix_text` over a Dask bag or a Dask dataframe column.

Dask ships the function to its workers by pickling it; ``fix_text`` is a plain
module-level function, so it pickles by reference and each worker process
imports fixtext once.  These helpers only add what a corpus job needs around
it: a config that travels with the task, and missing values passed through
untouched (a dataframe column of documents usually has a few).

    pip install 'fixtext[dask]'

    import dask.bag as db
    from fixtext.integrations.dask import fix_bag
    cleaned = fix_bag(db.read_text("corpus/*.txt", linedelimiter="\\n\\n"))
"""

from __future__ import annotations

from functools import partial
from typing import Any

try:
    import dask.bag as _bag
    import dask.dataframe as _dataframe
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("fixtext.integrations.dask needs dask: pip install 'fixtext[dask]'") from exc

from ..config import Config
from ..pipeline import fix_text


def fix_value(value: Any, config: Config | None = None) -> Any:
    """``fix_text`` for strings; anything else (None, NaN, numbers) comes back as it was."""
    return fix_text(value, config=config) if isinstance(value, str) else value


def fix_partition(values: Any, config: Config | None = None) -> Any:
    """Repair every string of one partition: a pandas Series or any iterable of strings."""
    if hasattr(values, "map"):
        return values.map(partial(fix_value, config=config))
    return [fix_value(value, config) for value in values]


def fix_bag(bag: _bag.Bag, config: Config | None = None) -> _bag.Bag:
    """A bag of documents, each repaired."""
    return bag.map_partitions(fix_partition, config=config)


def fix_column(frame: _dataframe.DataFrame, column: str, config: Config | None = None) -> _dataframe.Series:
    """One text column of a Dask dataframe, repaired, as a new series (assign it where you like)."""
    return frame[column].map_partitions(fix_partition, config=config, meta=frame[column]._meta)
