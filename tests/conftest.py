"""Test settings shared by every test module.

``HYPOTHESIS_PROFILE=fast`` (what ``make test-fast`` sets) runs each property with 10 examples
instead of hypothesis' default 100; the full suite (``make test``) keeps the default. Under
``CI=true`` (what ``.ci/run`` is given) the examples are derandomized: the same commit draws the
same examples, so a CI run on a clean clone repeats what the pre-push run saw; local runs keep
exploring new examples and store any failure in ``.hypothesis/``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("fast", max_examples=10, deadline=None)
settings.register_profile("ci", derandomize=True, print_blob=True)
_default = "ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "default"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
