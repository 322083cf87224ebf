"""Checks and practice data for exercise 12 (post-purchase follow-up messages).

Each check works the expected answer out with :mod:`journeykit.messages` on the same template
and customers the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises)
and recognises the usual mistakes: placeholders listed twice or out of order, braces left in the
names, messages for only some customers, a half-filled message, rows counted from 1, and
templates that use attribute access or miss a placeholder.

>>> print(check_placeholders(["customer_name", "product"], "Hi {customer_name}, enjoy {product}"))
✔ placeholders: correct.
>>> print(check_placeholders(["{customer_name}", "{product}"], "Hi {customer_name}, enjoy {product}"))
✘ placeholders: not yet. Give the names without braces: 'customer_name', not '{customer_name}'.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from journeykit import messages
from journeykit.checks import Feedback, msg, no_answer, not_yet, safely
from journeykit.errors import JourneykitError, SchemaError

__all__ = [
    "NAMES",
    "customer_names",
    "practice_customers",
    "check_placeholders",
    "check_messages",
    "check_blocking_rows",
    "check_own_template",
]

NAMES: tuple[str, ...] = (
    "Sari",
    "Budi",
    "Ayu",
    "Dimas",
    "Rina",
    "Bayu",
    "Dinda",
    "Eko",
    "Fitri",
    "Gilang",
    "Hana",
    "Indra",
    "Joko",
    "Kartika",
    "Lestari",
    "Made",
    "Nadia",
    "Putu",
    "Rizky",
    "Wulan",
)
"""First names for the synthetic customers (the generator's users have ids, not names)."""


def customer_names(user_ids: Sequence[int] | pd.Index, *, seed: int = 42) -> pd.Series:
    """A seeded first name per user id (synthetic: the data set holds no names).

    >>> customer_names([5, 9], seed=1).index.tolist()
    [5, 9]
    """
    rng = np.random.default_rng(seed)
    idx = pd.Index(user_ids, name="user_id")
    picks = rng.integers(0, len(NAMES), size=len(idx))
    return pd.Series(np.asarray(NAMES, dtype=object)[picks], index=idx, name="customer_name")


def practice_customers(seed: int = 42, *, n: int = 8, missing: int = 2) -> pd.DataFrame:
    """A small customer table for the exercise: some names missing or blank on purpose.

    Columns ``customer_name``, ``product``, ``phone``; index ``user_id`` (not 0, 1, 2 ...).

    >>> df = practice_customers(seed=3)
    >>> int(df["customer_name"].isna().sum() + (df["customer_name"] == " ").sum())
    2
    """
    rng = np.random.default_rng(seed)
    ids = np.sort(rng.choice(np.arange(100, 1000), size=n, replace=False))
    products = np.array(
        ["Gayo Arabica", "Toraja Kalosi", "Kintamani", "Sampler pack"], dtype=object
    )
    df = pd.DataFrame(
        {
            "customer_name": customer_names(ids, seed=seed).to_numpy(),
            "product": products[rng.integers(0, len(products), size=n)],
            "phone": [f"62812{int(x):07d}" for x in rng.integers(0, 10**7, size=n)],
        },
        index=pd.Index(ids, name="user_id"),
    ).astype({"customer_name": "object"})
    blank = rng.choice(n, size=min(missing, n), replace=False)
    for j, row in enumerate(sorted(blank)):
        df.iloc[row, 0] = None if j % 2 == 0 else " "
    return df


def check_placeholders(
    answer: object, template: messages.MessageTemplate | str, *, lang: str = "en"
) -> Feedback:
    """The template's placeholder names, each once, in order of first appearance."""
    name = msg("follow_up.name.placeholders", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    if isinstance(template, messages.MessageTemplate):
        want = list(template.placeholders)
    else:
        want, fb = safely(name, lambda: list(messages.placeholders(template)), lang)
        if fb is not None:
            return fb
    if isinstance(answer, str) or not isinstance(answer, Sequence):
        return Feedback(False, msg("follow_up.names", lang, name=name))
    got = list(answer)
    if got == want:
        return Feedback(True, msg("correct_plain", lang, name=name))
    if [str(g).strip("{}") for g in got] == want:
        return not_yet(
            name, msg("follow_up.braces", lang, key=want[0], braced="{" + want[0] + "}"), lang
        )
    if list(dict.fromkeys(got)) == want:
        return not_yet(name, msg("follow_up.once", lang), lang)
    if sorted(map(str, got)) == sorted(want):
        return Feedback(False, msg("follow_up.first_use", lang, name=name))
    lost = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    return Feedback(
        False,
        msg("follow_up.missing", lang, name=name, lost=lost)
        + (msg("follow_up.extra", lang, extra=extra) if extra else "")
        + ".",
    )


def check_messages(
    answer: object,
    template: messages.MessageTemplate | str,
    customers: pd.DataFrame,
    *,
    values: Mapping[str, object] | None = None,
    drop_blocking: bool = False,
    lang: str = "en",
) -> Feedback:
    """Rendered messages (the output of ``render_messages``, or its ``message`` column).

    ``drop_blocking=True``: the expected messages are for the customers whose rows do not block
    the broadcast (see :func:`check_blocking_rows`).
    """
    name = msg("follow_up.name.messages", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    if drop_blocking:
        try:
            messages.render_messages(template, customers, values=values)
        except SchemaError as err:
            customers = customers.drop(index=err.rows)
        except (JourneykitError, TypeError, ValueError) as err:
            return Feedback(False, msg("cannot_check", lang, name=name, error=err))
    want, fb = safely(
        name, lambda: messages.render_messages(template, customers, values=values), lang
    )
    if fb is not None:
        return fb
    got = answer["message"] if isinstance(answer, pd.DataFrame) and "message" in answer else answer
    if not isinstance(got, pd.Series):
        return Feedback(False, msg("follow_up.frame", lang, name=name))
    if len(got) != len(want):
        return Feedback(
            False, msg("follow_up.count", lang, name=name, got=len(got), want=len(want))
        )
    if got.astype(str).str.contains(r"\{[A-Za-z_]+\}", regex=True).any():
        return Feedback(False, msg("follow_up.unfilled", lang, name=name))
    same = got.astype(str).to_numpy() == want["message"].astype(str).to_numpy()
    if same.all():
        return Feedback(True, msg("follow_up.ok_messages", lang, name=name, n=len(got)))
    first = int(np.flatnonzero(~same)[0])
    return Feedback(
        False,
        msg("follow_up.differs", lang, name=name, row=first, want=want["message"].iloc[first]),
    )


def check_blocking_rows(
    answer: object,
    template: messages.MessageTemplate | str,
    customers: pd.DataFrame,
    *,
    lang: str = "en",
) -> Feedback:
    """Index labels of the customers whose rows stop the broadcast (a placeholder value missing)."""
    name = msg("follow_up.name.blocking", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    try:
        messages.render_messages(template, customers, values=_shared(template, customers))
        want: list[object] = []
    except SchemaError as err:
        want = list(err.rows)
    except (JourneykitError, TypeError, ValueError) as err:
        return Feedback(False, msg("cannot_check", lang, name=name, error=err))
    if isinstance(answer, str) or not isinstance(answer, Sequence | pd.Index | set):
        return Feedback(False, msg("follow_up.labels", lang, name=name))
    got = sorted(answer, key=str)
    if got == sorted(want, key=str):
        return Feedback(True, msg("follow_up.ok_rows", lang, name=name, n=len(want)))
    positions = [customers.index.get_loc(w) for w in want]
    if sorted(map(str, got)) in (
        sorted(map(str, positions)),
        sorted(str(p + 1) for p in positions),
    ):
        return not_yet(
            name,
            msg("follow_up.positions", lang),
            lang,
        )
    if len(got) < len(want):
        return Feedback(
            False,
            msg("follow_up.blank", lang, name=name, n=len(want)),
        )
    return Feedback(False, msg("follow_up.n_rows", lang, name=name, got=len(got), want=len(want)))


def _shared(template: messages.MessageTemplate | str, customers: pd.DataFrame) -> dict[str, str]:
    """Stand-in shared values for placeholders that are not customer columns."""
    names = (
        template.placeholders
        if isinstance(template, messages.MessageTemplate)
        else messages.placeholders(template)
    )
    return {n: "x" for n in names if n not in customers.columns}


def check_own_template(
    answer: object, *, required: Sequence[str] = ("customer_name", "product"), lang: str = "en"
) -> Feedback:
    """A template text of your own: valid syntax, plain names, the ``required`` placeholders."""
    name = msg("follow_up.name.own", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    text = answer.body if isinstance(answer, messages.MessageTemplate) else answer
    if not isinstance(text, str):
        return Feedback(False, msg("follow_up.text", lang, name=name))
    try:
        found = messages.placeholders(text)
    except JourneykitError as err:
        return Feedback(False, msg("follow_up.invalid", lang, name=name, error=err))
    lost = [r for r in required if r not in found]
    if lost:
        return Feedback(
            False,
            msg("follow_up.add", lang, name=name, fields=", ".join("{" + r + "}" for r in lost)),
        )
    if len(text.strip()) < 40:
        return Feedback(False, msg("follow_up.short", lang, name=name))
    return Feedback(True, msg("follow_up.valid", lang, name=name, fields=", ".join(found)))
