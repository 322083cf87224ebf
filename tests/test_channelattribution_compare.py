"""journeykit's attribution against the established package ``channelattribution`` (PyPI, 2.2.5).

Heuristics (first, last, linear) must agree exactly: both credit a channel once per touch.
``markov_model`` simulates journeys, so its shares agree with the exact absorbing-chain solution
only up to simulation noise; with ``max_step`` raised to 50 (its default cuts simulated journeys
at the longest observed path) and a million simulated journeys they agree within 3 %, at orders
1, 2 and 3 (journeykit's default ``state_rule="windows"`` builds the same states: windows over the
raw path, identical consecutive windows merged). Measured: at most 1.4 % apart on these data.
"""

from __future__ import annotations

import contextlib
import io
import os

import numpy as np
import pandas as pd
import pytest

from journeykit.attribution import attribute, markov_removal_effects

pytestmark = pytest.mark.compare

os.environ.setdefault("MPLBACKEND", "Agg")  # channelattribution imports matplotlib.pyplot
try:
    with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
        import ChannelAttribution as ca
except ImportError:  # pragma: no cover - `make test` installs the compare extra
    ca = None

needs_ca = pytest.mark.skipif(
    ca is None,
    reason="channelattribution not importable: pip install 'channelattribution==2.2.5' "
    "(the 'compare' extra; it needs matplotlib at import)",
)


def _paths(seed: int, n: int = 500, channels: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    names = ["direct", "email", "organic_search", "social_ads", "whatsapp", "affiliate"][:channels]
    lengths = rng.geometric(0.4, n).clip(1, 12)
    p = np.linspace(2, 1, channels)
    tokens = rng.choice(names, size=lengths.sum(), p=p / p.sum())
    starts = np.cumsum(lengths) - lengths
    conv = rng.poisson(1.0, n)
    return pd.DataFrame(
        {
            "path": [" > ".join(tokens[s : s + k]) for s, k in zip(starts, lengths, strict=True)],
            "total_conversions": conv,
            "total_null": rng.poisson(3.0, n),
            "total_conversion_value": conv * rng.uniform(10, 100, n).round(2),
        }
    )


def _quiet(fn, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args, **kwargs)


@needs_ca
@pytest.mark.parametrize("seed", [1, 2])
def test_first_last_linear_equal_heuristic_models(seed):
    df = _paths(seed)
    theirs = _quiet(
        ca.heuristic_models,
        df,
        "path",
        "total_conversions",
        var_value="total_conversion_value",
        sep=">",
        flg_pro=False,
    ).set_index("channel_name")
    ours = attribute(df, models="first,last,linear").set_index("channel")
    ours_v = attribute(df, models="first,last,linear", value=True).set_index("channel")
    ours, ours_v = ours.loc[theirs.index], ours_v.loc[theirs.index]
    for model, name in (
        ("first", "first_touch"),
        ("last", "last_touch"),
        ("linear", "linear_touch"),
    ):
        np.testing.assert_allclose(ours[model], theirs[f"{name}_conversions"], rtol=1e-9)
        np.testing.assert_allclose(ours_v[model], theirs[f"{name}_value"], rtol=1e-9)


@needs_ca
def test_repeated_channel_gets_one_share_per_touch_like_channelattribution():
    df = pd.DataFrame(
        {"path": ["a > b > a", "b"], "total_conversions": [3, 1], "total_null": [0, 2]}
    )
    theirs = _quiet(ca.heuristic_models, df, "path", "total_conversions", sep=">", flg_pro=False)
    theirs = theirs.set_index("channel_name")["linear_touch"]
    ours = attribute(df, models="linear").set_index("channel")["linear"]
    assert ours["a"] == pytest.approx(2.0) == theirs["a"]  # 2/3 of 3 conversions


@needs_ca
@pytest.mark.parametrize("order", [1, 2, 3])
@pytest.mark.parametrize("seed", [3, 4])
def test_exact_markov_within_simulation_noise_of_markov_model(seed, order):
    df = _paths(seed)
    out = _quiet(
        ca.markov_model,
        df,
        "path",
        "total_conversions",
        var_value="total_conversion_value",
        var_null="total_null",
        sep=">",
        order=order,
        max_step=50,
        nsim_start=1e6,
        out_more=True,
        verbose=False,
        flg_pro=False,
        seed=0,
    )
    theirs = out["result"].set_index("channel_name")
    effects = out["removal_effects"].set_index("channel_name")
    fit = markov_removal_effects(df, order=order)
    # the same states: channelattribution's transition table has one row group per state
    assert fit.n_states == out["transition_matrix"]["channel_from"].nunique() - 1  # - (start)
    exact = fit.removal.set_index("channel").loc[theirs.index]
    np.testing.assert_allclose(exact["conversions"], theirs["total_conversions"], rtol=0.03)
    np.testing.assert_allclose(exact["value"], theirs["total_conversion_value"], rtol=0.03)
    np.testing.assert_allclose(
        exact["removal_effect"], effects["removal_effects_conversion"], rtol=0.03
    )
    # the exact shares add up to the conversions; so do theirs
    assert exact["conversions"].sum() == pytest.approx(df["total_conversions"].sum())


@needs_ca
def test_order_2_states_are_channelattributions():
    # the hand-made chain of tests/test_attribution.py::test_markov_order_2_windows_by_hand,
    # read back from channelattribution's (deterministic) transition matrix
    df = pd.DataFrame(
        {
            "path": ["a > a > b", "a > b > a > b", "b", "a > a > a"],
            "total_conversions": [1, 2, 1, 0],
            "total_null": [1, 0, 2, 3],
        }
    )
    out = _quiet(
        ca.transition_matrix,
        df,
        "path",
        "total_conversions",
        "total_null",
        order=2,
        flg_equal=False,  # what markov_model uses: identical consecutive windows merged
        flg_pro=False,
    )
    names = dict(
        zip(out["channels"]["id_channel"].astype(str), out["channels"]["channel_name"], strict=True)
    )

    def state(s: str) -> str:
        return "".join(names.get(tok, tok) for tok in s.split(" ")) if s[0].isdigit() else s

    tm = out["transition_matrix"]
    got = {
        (state(f), state(t)): p
        for f, t, p in zip(
            tm["channel_from"], tm["channel_to"], tm["transition_probability"], strict=True
        )
    }
    want = {
        ("(start)", "aa"): 5 / 10,
        ("(start)", "ab"): 2 / 10,
        ("(start)", "b"): 3 / 10,
        ("aa", "ab"): 2 / 5,
        ("aa", "(null)"): 3 / 5,
        ("ab", "(conversion)"): 3 / 6,
        ("ab", "ba"): 2 / 6,
        ("ab", "(null)"): 1 / 6,
        ("ba", "ab"): 1.0,
        ("b", "(conversion)"): 1 / 3,
        ("b", "(null)"): 2 / 3,
    }
    assert got == pytest.approx(want)
    exact = markov_removal_effects(df, order=2)
    assert exact.n_states == 4
    assert exact.conversion_probability == pytest.approx(0.4)  # solved by hand from `want`
