"""Hypothesis profiles.

``default`` (CI and the README's test command) draws the same examples on
every run, so a green suite stays green; ``thorough`` draws thousands of
fresh random examples for hunting rare false positives:

    FIXTEXT_HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("FIXTEXT_HYPOTHESIS_PROFILE", "default"))
