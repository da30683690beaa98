"""Shared test settings.

Under CI (CI=true) hypothesis draws the same examples on every run (derandomize), so a red
CI is reproducible with `CI=true make test`; on a developer's machine it explores afresh.
"""
import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
    settings.load_profile("ci")
