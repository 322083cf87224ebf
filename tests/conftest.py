"""Test settings shared by every test module.

``HYPOTHESIS_PROFILE=fast`` (what ``make test-fast`` sets) runs each property with 10 examples
instead of hypothesis' default 100; the full suite (``make test``, CI) keeps the default.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("fast", max_examples=10, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
