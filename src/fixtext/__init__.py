"""fixtext: find mojibake, repair it, and (when asked) normalize punctuation.

>>> import fixtext
>>> fixtext.fix_text("It wasn\u9225\u6a9b over.")
'It wasn’t over.'
"""

from .config import Config
from .decoding import BinaryInputError, Detection, InputError, UndecodableInputError, detect_encoding
from .model import ErrorMode, Explained, Finding, Step
from .normalize import PRESETS, Policy, normalize, normalize_and_explain  # the function shadows the subpackage
from .pipeline import diagnose, fix_and_explain, fix_bytes, fix_bytes_and_explain, fix_file, fix_text
from .plan import PlanError, apply_plan

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "Config",
    "Detection",
    "InputError",
    "UndecodableInputError",
    "detect_encoding",
    "fix_bytes",
    "fix_bytes_and_explain",
    "fix_file",
    "ErrorMode",
    "Explained",
    "Finding",
    "PlanError",
    "PRESETS",
    "Policy",
    "Step",
    "__version__",
    "apply_plan",
    "diagnose",
    "fix_and_explain",
    "fix_text",
    "normalize",
    "normalize_and_explain",
]
