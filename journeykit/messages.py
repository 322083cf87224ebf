"""Personalised follow-up messages from a template with named placeholders (article 002).

After a purchase the journey goes on: a short, personal message (a WhatsApp broadcast in
article 002) thanks the customer by name, asks about the product they bought and points to the
next step. A template is plain text with named placeholders in braces — ``{customer_name}``,
``{product}``, ``{shop_name}``, ``{link}`` — filled from a table of customers (one message per
row) and from values shared by every message.

Rules that keep a broadcast safe:

* **All or nothing.** Every placeholder needs a value in every row; a missing column, or an
  empty/missing cell in some rows, raises one error that lists each placeholder and the rows
  that lack it. A half-filled message ("Hi ,") is never produced.
* **Names only.** Placeholders are parsed with :class:`string.Formatter` and must be plain
  names: no positional ``{}``, no attribute or index access (``{x.__class__}``, ``{x[0]}``), no
  conversions (``!r``). A simple format spec is allowed (``{price:,.0f}``), with a width of at
  most :data:`MAX_FORMAT_WIDTH` and a precision of at most :data:`MAX_FORMAT_PRECISION`; a
  template is at most :data:`MAX_MESSAGE_CHARS` characters and so is every rendered message
  (``{name:>50000000}`` is an error, not 23 GB of spaces). Literal braces are written ``{{``
  and ``}}``.
* **Customer text is data, not template.** Values are pasted in, never formatted again, so a
  customer called ``"{link}"`` stays ``"{link}"``; in HTML every message is escaped; in CSV a
  cell starting with ``= + - @`` gets a leading ``'`` (:func:`journeykit.files.neutralise_formulas`).

Built-in templates (``journeykit/data/templates/<key>.<lang>.json``, English and Bahasa
Indonesia): ``whatsapp_follow_up`` (excite → ascend, adapted from article 002),
``review_request`` (ascend → advocate) and ``referral_invite`` (advocate → promote).

>>> customers = pd.DataFrame({"customer_name": ["Sari", "Budi"],
...                           "product": ["Gayo Arabica", "Toraja Kalosi"]})
>>> msgs = render_messages("Hi {customer_name}, enjoy your {product}! {shop_name}", customers,
...                        values={"shop_name": "Kopi Kita"})
>>> msgs["message"].tolist()
['Hi Sari, enjoy your Gayo Arabica! Kopi Kita', 'Hi Budi, enjoy your Toraja Kalosi! Kopi Kita']
"""

from __future__ import annotations

import html
import json
import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from journeykit import files
from journeykit.errors import ParameterError, SchemaError, ValidationError
from journeykit.i18n import check_lang
from journeykit.schema import require_columns

__all__ = [
    "MAX_FORMAT_WIDTH",
    "MAX_FORMAT_PRECISION",
    "MAX_MESSAGE_CHARS",
    "MessageTemplate",
    "placeholders",
    "list_templates",
    "load_template",
    "render_messages",
    "recent_buyers",
    "messages_html",
    "whatsapp_links",
    "read_customers",
    "write_messages",
]

MAX_FORMAT_WIDTH = 100
"""Largest width a placeholder's format spec may ask for (``{price:>12,.0f}`` uses 12)."""
MAX_FORMAT_PRECISION = 20
"""Largest precision a placeholder's format spec may ask for (``{rate:.2%}`` uses 2)."""
MAX_MESSAGE_CHARS = 10_000
"""Longest template, and longest rendered message, in characters (a WhatsApp message holds
about 65,000; a follow-up worth reading is far shorter)."""

_SPEC = re.compile(
    r"(?:.?[<>=^])?[+\- ]?z?#?0?(?P<width>\d+)?[,_]?(?:\.(?P<precision>\d+))?[bcdeEfFgGnosxX%]?"
)


@dataclass(frozen=True)
class _Field:
    name: str
    spec: str


def _parse(text: str, *, field: str = "template") -> list[tuple[str, _Field | None]]:
    """Split ``text`` into (literal, field) pieces, refusing anything but plain named fields."""
    if not isinstance(text, str):
        raise ValidationError(field, "a string", type(text).__name__)
    if len(text) > MAX_MESSAGE_CHARS:
        raise ValidationError(
            field, f"at most {MAX_MESSAGE_CHARS:,} characters", f"{len(text):,} characters"
        )
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError as err:  # unbalanced braces and the like
        raise ValidationError(
            field, "balanced braces (write {{ and }} for literal braces)", f"{err}"
        ) from None
    out: list[tuple[str, _Field | None]] = []
    for literal, name, spec, conversion in pieces:
        if name is None:
            out.append((literal, None))
            continue
        shown = (
            "{"
            + name
            + ("!" + conversion if conversion else "")
            + (":" + spec if spec else "")
            + "}"
        )
        if name == "" or name.isdigit():
            raise ValidationError(
                field, "named placeholders such as {customer_name}, not positional {}", shown
            )
        if "." in name or "[" in name:
            raise ValidationError(
                field,
                "plain placeholder names (attribute and index access are not allowed)",
                shown,
            )
        if not name.isidentifier():
            raise ValidationError(field, "placeholder names made of letters, digits and _", shown)
        if conversion:
            raise ValidationError(field, "placeholders without a !conversion", shown)
        if spec and ("{" in spec or "}" in spec):
            raise ValidationError(field, "a format spec without nested placeholders", shown)
        if spec:
            _check_spec(spec, shown, field)
        out.append((literal, _Field(name, spec or "")))
    return out


def _check_spec(spec: str, shown: str, field: str) -> None:
    """Refuse a format spec Python would not read, or one asking for a huge width/precision."""
    m = _SPEC.fullmatch(spec)
    if m is None:
        raise ValidationError(field, "a format spec such as ,.0f or >10 or .2%", shown)
    width, precision = m.group("width"), m.group("precision")
    if width is not None and int(width) > MAX_FORMAT_WIDTH:
        raise ValidationError(field, f"a format width of at most {MAX_FORMAT_WIDTH}", shown)
    if precision is not None and int(precision) > MAX_FORMAT_PRECISION:
        raise ValidationError(field, f"a format precision of at most {MAX_FORMAT_PRECISION}", shown)


def placeholders(text: str) -> tuple[str, ...]:
    """The placeholder names in ``text``, in order of first appearance (each once).

    >>> placeholders("Hi {customer_name}, your {product} ({price:,.0f}) - {customer_name}")
    ('customer_name', 'product', 'price')
    >>> placeholders("Hi {customer.__class__}")
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: template: expected plain placeholder names (attribute and index access are not allowed), got {customer.__class__}
    """
    names: dict[str, None] = {}
    for _, f in _parse(text):
        if f is not None:
            names.setdefault(f.name, None)
    return tuple(names)


@dataclass(frozen=True)
class MessageTemplate:
    """A message template: ``subject`` and ``body`` with named placeholders.

    ``key`` names it, ``lang`` is ``"en"`` or ``"id"``, ``channel`` the traffic source it is sent
    through (``whatsapp``, ``email`` ...), ``from_step``/``to_step`` the Customer Value Journey
    transition it aims to move the customer along, ``description`` a one-line purpose. Both texts
    are checked on creation.

    >>> MessageTemplate(key="t", body="Hi {name}").placeholders
    ('name',)
    """

    key: str
    body: str
    subject: str = ""
    lang: str = "en"
    channel: str = "whatsapp"
    from_step: str = ""
    to_step: str = ""
    description: str = ""

    def __post_init__(self) -> None:
        check_lang(self.lang)
        _parse(self.body, field="template.body")
        _parse(self.subject, field="template.subject")

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Placeholder names of subject then body, each once."""
        return tuple(dict.fromkeys(placeholders(self.subject) + placeholders(self.body)))


def _templates_dir() -> resources.abc.Traversable:
    return resources.files("journeykit") / "data" / "templates"


def list_templates() -> list[str]:
    """Keys of the built-in templates.

    >>> list_templates()
    ['referral_invite', 'review_request', 'whatsapp_follow_up']
    """
    names = {p.name.split(".")[0] for p in _templates_dir().iterdir() if p.name.endswith(".json")}
    return sorted(names)


def load_template(key: str = "whatsapp_follow_up", lang: str = "en") -> MessageTemplate:
    """A built-in template by ``key`` in ``lang``, or a template JSON file when ``key`` is a path.

    A file holds ``{"key": ..., "body": ..., "subject": ..., "lang": ...}`` (as the built-ins do);
    a ``.txt`` file is a body on its own.

    >>> load_template("whatsapp_follow_up", "id").placeholders
    ('customer_name', 'shop_name', 'product', 'link')
    """
    check_lang(lang)
    if not isinstance(key, str) or not key:
        raise ParameterError(f"template: expected a template key or file path, got {key!r}")
    path = Path(key)
    if key in list_templates():
        source = _templates_dir() / f"{key}.{lang}.json"
        data = json.loads(source.read_text(encoding="utf-8"))
    elif path.suffix in (".json", ".txt"):
        text = _read_text(path, "template")
        if not text.strip():
            raise ValidationError("template", "a template with some text", f"{key!r} is empty")
        if path.suffix == ".txt":
            data = {"key": path.stem, "body": text, "lang": lang}
        else:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as err:
                raise ValidationError(
                    "template", "a JSON object", f"invalid JSON ({err})"
                ) from None
            if not isinstance(data, dict) or "body" not in data:
                raise ValidationError("template", "a JSON object with a 'body'", repr(key))
            data.setdefault("key", path.stem)
    else:
        raise ParameterError(
            f"template: expected one of {', '.join(map(repr, list_templates()))} or a .json/.txt "
            f"file, got {key!r}"
        )
    allowed = {f for f in MessageTemplate.__dataclass_fields__}
    return MessageTemplate(**{k: v for k, v in data.items() if k in allowed})


def _read_text(path: Path, what: str) -> str:
    """The UTF-8 text of ``path``; a missing file, a folder or other bytes are one-line errors."""
    if path.is_dir():
        raise ParameterError(f"{what}: {str(path)!r} is a folder; expected a file")
    if not path.is_file():
        raise ParameterError(f"{what}: no such file {str(path)!r}")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValidationError(
            what,
            f"UTF-8 text (save {path.name} as 'CSV UTF-8' or UTF-8 text)",
            f"a byte 0x{err.object[err.start]:02x} at position {err.start} that is not UTF-8",
        ) from None
    except OSError as err:
        raise ParameterError(f"{what}: cannot read {str(path)!r} ({err.strerror})") from None


def read_customers(path: str | Path) -> pd.DataFrame:
    """Read a customers CSV (UTF-8, one row per customer, a header row) as text columns.

    A missing file, a folder, bytes that are not UTF-8, an empty file or one with a header but
    no rows are errors naming the file. In a one-column file a blank line is a customer with
    no value (so :func:`render_messages` reports the row), not a line silently skipped.

    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "c.csv")
    >>> _ = open(f, "w", encoding="utf-8").write("customer_name\\nSari\\n\\nBudi\\n")
    >>> read_customers(f)["customer_name"].tolist()
    ['Sari', <NA>, 'Budi']
    """
    import io

    src = Path(path)
    text = _read_text(src, "customers")
    if not text.strip():
        raise SchemaError("customers", None, f"{str(src)!r} is empty; expected a header row")
    try:
        df = pd.read_csv(
            io.StringIO(text), dtype="string", keep_default_na=True, skip_blank_lines=False
        )
    except (pd.errors.ParserError, ValueError) as err:
        raise SchemaError(
            "customers", None, f"{str(src)!r} is not a readable CSV ({err})"
        ) from None
    lines = text.splitlines()
    trailing = len(lines) - len("\n".join(lines).rstrip().splitlines())
    if trailing:  # blank lines at the very end of the file are not customers
        df = df.iloc[: max(len(df) - trailing, 0)]
    if df.empty:
        raise SchemaError("customers", None, f"{str(src)!r} has a header but no customer rows")
    return df


def _blank(s: pd.Series) -> np.ndarray:
    """Rows with no usable value: missing, NaN, or text that is empty after stripping."""
    missing = s.isna().to_numpy(dtype=bool)
    if s.dtype == object or isinstance(s.dtype, pd.StringDtype):
        text = s.astype("string").str.strip()
        missing = missing | (text == "").fillna(True).to_numpy(dtype=bool)
    return missing


def _as_text(s: pd.Series, spec: str, name: str) -> pd.Series:
    """Values as text: with ``spec`` through :func:`format`, else whole floats without '.0'."""
    if spec:

        def fmt(v: object) -> str:
            try:
                return format(v, spec)
            except (ValueError, TypeError) as err:
                raise ValidationError(
                    f"template placeholder {{{name}:{spec}}}",
                    "a format spec that suits the values",
                    f"{v!r} ({err})",
                ) from None

        return s.map(fmt).astype("string")
    if pd.api.types.is_float_dtype(s.dtype):
        whole = (s % 1 == 0).all()
        if whole:
            return s.astype("int64").astype("string")
    return s.astype("string")


def render_messages(
    template: MessageTemplate | str,
    customers: pd.DataFrame,
    *,
    values: Mapping[str, object] | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One message per customer row; every placeholder filled, or an error and no messages.

    ``template``: a :class:`MessageTemplate` or the body text. A placeholder takes its value
    from ``values`` (shared by every message, e.g. ``shop_name`` and ``link``) or from the
    customer column of the same name — or the column ``columns`` maps it to
    (``{"customer_name": "name"}``). Giving one placeholder both ways is an error.

    Returns a DataFrame with the customers' index and columns ``subject`` and ``message``
    (text). Errors: :class:`~journeykit.errors.ValidationError` for a placeholder with no
    column and no value (naming the placeholders and the columns there are), a bad template or
    format spec; :class:`~journeykit.errors.SchemaError` (table ``customers``) listing, per
    placeholder, the rows with a missing or empty value.

    >>> render_messages("Hi {customer_name}", pd.DataFrame({"customer_name": ["Sari", None, " "]}))
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: customers.customer_name: no value for placeholder(s) customer_name (rows 1, 2) - nothing was rendered [rows 1, 2]
    """
    if isinstance(template, str):
        template = MessageTemplate(key="custom", body=template)
    if not isinstance(template, MessageTemplate):
        raise ParameterError(
            f"template: expected a MessageTemplate or text, got {type(template).__name__}"
        )
    if not isinstance(customers, pd.DataFrame):
        raise SchemaError(
            "customers", None, f"expected a pandas DataFrame, got {type(customers).__name__}"
        )
    values = dict(values or {})
    columns = dict(columns or {})
    for k in (*values, *columns):
        if not isinstance(k, str) or not k.isidentifier():
            raise ParameterError(f"values/columns: expected placeholder names, got {k!r}")
    both = sorted(set(values) & set(columns))
    if both:
        raise ParameterError(
            f"values/columns: placeholder(s) {', '.join(both)} given both as a value and a column"
        )
    names = template.placeholders
    source: dict[str, str] = {}
    unfilled = []
    for name in names:
        if name in values:
            continue
        col = columns.get(name, name)
        if col in customers.columns:
            source[name] = col
        else:
            unfilled.append(name if col == name else f"{name} (column {col!r})")
    if unfilled:
        raise ValidationError(
            "placeholders",
            f"a customer column or a shared value for every placeholder of template "
            f"{template.key!r} ({', '.join(names)}); customer columns are "
            f"{', '.join(map(str, customers.columns)) or 'none'}",
            f"nothing for {', '.join(unfilled)}",
        )
    for name, v in values.items():
        if name in names and (
            v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == ""
        ):
            raise ParameterError(f"values[{name!r}]: expected a non-empty value, got {v!r}")
    gaps = {name: customers.index[_blank(customers[col])] for name, col in source.items()}
    gaps = {k: v for k, v in gaps.items() if len(v)}
    if gaps:
        parts = [
            f"{k} (rows {', '.join(map(str, list(v[:10])))}{' ...' if len(v) > 10 else ''})"
            for k, v in gaps.items()
        ]
        rows = list(customers.index[customers.index.isin(set().union(*map(set, gaps.values())))])
        first = source[next(iter(gaps))]
        raise SchemaError(
            "customers",
            first,
            f"no value for placeholder(s) {'; '.join(parts)} - nothing was rendered",
            rows,
        )

    def fill(text: str) -> pd.Series:
        out = pd.Series("", index=customers.index, dtype="string")
        for literal, f in _parse(text):
            out = out + literal
            if f is None:
                continue
            if f.name in values:
                shared = pd.Series([values[f.name]], dtype=object)
                out = out + _as_text(shared, f.spec, f.name).iloc[0]
            else:
                out = out + _as_text(customers[source[f.name]], f.spec, f.name).to_numpy()
        return out

    out = pd.DataFrame({"subject": fill(template.subject), "message": fill(template.body)})
    long = (out["message"].str.len() > MAX_MESSAGE_CHARS).to_numpy(dtype=bool)
    if long.any():
        raise SchemaError(
            "customers",
            None,
            f"messages longer than {MAX_MESSAGE_CHARS:,} characters - nothing was rendered",
            list(customers.index[long]),
        )
    return out


def recent_buyers(
    orders: pd.DataFrame,
    *,
    within_days: float = 7,
    end: pd.Timestamp | str | None = None,
    product_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Customers to follow up: everyone who ordered in the ``within_days`` days up to ``end``.

    ``end`` defaults to the latest order. One row per buyer (index ``user_id``): ``product``
    (what their latest order in the window was, as a readable name: ``product_names`` maps
    product keys to names, else ``_`` becomes a space), ``ordered_at`` (time of that order),
    ``orders`` (all their orders up to ``end``, count) and ``first_purchase`` (True when that
    order was their first — a new customer, who needs the excite step most).

    >>> orders = pd.DataFrame({"user_id": [1, 1, 2, 3], "product": ["sampler_pack", "beans_250g",
    ...     "sampler_pack", "beans_250g"], "timestamp": pd.to_datetime(["2024-01-01",
    ...     "2024-01-09", "2024-01-08", "2023-12-01"])})
    >>> recent_buyers(orders, within_days=7)[["product", "orders", "first_purchase"]]
                 product  orders  first_purchase
    user_id
    1         beans 250g       2           False
    2       sampler pack       1            True
    """
    require_columns(orders, "orders", ("user_id", "product", "timestamp"))
    if (
        isinstance(within_days, bool)
        or not isinstance(within_days, int | float)
        or not within_days > 0
    ):
        raise ParameterError(f"within_days: expected a number > 0, got {within_days!r}")
    stamp = pd.to_datetime(orders["timestamp"])
    stop = stamp.max() if end is None else pd.Timestamp(end)
    upto = orders.loc[(stamp <= stop).to_numpy()].assign(_t=stamp[stamp <= stop])
    upto = upto.sort_values(["user_id", "_t"], kind="stable")
    n_orders = upto.groupby("user_id").size()
    last = upto.groupby("user_id").tail(1).set_index("user_id")
    last = last[last["_t"] > stop - pd.Timedelta(days=float(within_days))]
    names = dict(product_names or {})
    product = last["product"].astype("string")
    readable = product.map(lambda k: names.get(k, str(k).replace("_", " "))).astype("string")
    out = pd.DataFrame(
        {
            "product": readable,
            "ordered_at": last["_t"],
            "orders": n_orders.reindex(last.index).astype("int64"),
        }
    )
    out["first_purchase"] = out["orders"] == 1
    out.index.name = "user_id"
    return out


def messages_html(
    messages: pd.DataFrame, *, names: pd.Series | None = None, lang: str = "en"
) -> str:
    """A self-contained HTML preview of rendered messages, every text HTML-escaped.

    ``messages`` is the output of :func:`render_messages`; ``names`` (optional, same index)
    labels each message card. Line breaks become ``<br>``.

    >>> msgs = pd.DataFrame({"subject": ["Hi"], "message": ["<b>Sari</b> & co"]})
    >>> "&lt;b&gt;Sari&lt;/b&gt; &amp; co" in messages_html(msgs)
    True
    """
    from journeykit.i18n import t

    check_lang(lang)
    if not isinstance(messages, pd.DataFrame) or "message" not in messages.columns:
        raise SchemaError("messages", "message", "expected the output of render_messages")
    subjects = messages["subject"] if "subject" in messages.columns else None
    cards = []
    for i, idx in enumerate(messages.index):
        head = ""
        if names is not None:
            head += f"<p class='who'>{html.escape(str(names.loc[idx]))}</p>"
        if subjects is not None and str(subjects.iloc[i]):
            head += f"<p class='subject'><b>{html.escape(str(subjects.iloc[i]))}</b></p>"
        body = html.escape(str(messages["message"].iloc[i])).replace("\n", "<br>\n")
        cards.append(f"<div class='message'>{head}<p>{body}</p></div>")
    title = html.escape(t("messages.preview_title", lang))
    style = (
        "body{font-family:sans-serif;max-width:40em;margin:auto}"
        ".message{border:1px solid #ccc;border-radius:8px;padding:0.5em 1em;margin:1em 0;"
        "background:#f3fbf6}.who{color:#555;font-size:0.9em}"
    )
    return (
        f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{style}</style></head><body><h1>{title}</h1>\n"
        + "\n".join(cards)
        + "\n</body></html>\n"
    )


def whatsapp_links(phones: pd.Series, messages: pd.DataFrame) -> pd.Series:
    """Click-to-chat links ``https://wa.me/<digits>?text=<message>`` (one per customer).

    Phone numbers keep their digits only (write them with the country code, e.g. 62 for
    Indonesia); the subject, when present, goes first in bold (``*subject*``).

    >>> whatsapp_links(pd.Series(["+62 812-3456"]), pd.DataFrame({"subject": [""], "message": ["Hi Sari"]})).iloc[0]
    'https://wa.me/628123456?text=Hi%20Sari'
    """
    if not isinstance(phones, pd.Series) or len(phones) != len(messages):
        raise SchemaError(
            "customers", "phone", f"expected one phone number per message ({len(messages)})"
        )
    digits = phones.astype("string").str.replace(r"\D", "", regex=True)
    bad = (digits.isna() | (digits.str.len() < 6)).to_numpy(dtype=bool)
    if bad.any():
        raise SchemaError(
            "customers",
            "phone",
            "expected phone numbers with a country code",
            list(phones.index[bad][:10]),
        )
    digits = pd.Series(digits.to_numpy(), index=messages.index, dtype="string")
    text = messages["message"].astype("string")
    if "subject" in messages.columns:
        subject = messages["subject"].astype("string")
        text = text.where(subject == "", "*" + subject + "*\n\n" + text)
    encoded = text.map(lambda m: quote(str(m), safe=""))
    return ("https://wa.me/" + digits + "?text=" + encoded).rename("whatsapp_link")


def write_messages(
    messages: pd.DataFrame,
    path: str | Path,
    *,
    force: bool = False,
    lang: str = "en",
    neutralise: bool = True,
) -> Path:
    """Write rendered messages to ``.csv`` (with the index, named ``row`` unless it has a name), ``.html`` (escaped preview) or ``.txt``.

    Refuses to replace an existing file unless ``force=True`` (:class:`OverwriteError`). The file
    is written atomically (:mod:`journeykit.files`): a full disk leaves the old file. In CSV, text
    cells starting with ``= + - @``, tab or CR get a leading ``'`` so a spreadsheet shows them as
    text (:func:`journeykit.files.neutralise_formulas`); ``neutralise=False`` turns that off.
    """
    p = Path(path)
    files.target_path(p, force=force)
    if p.suffix == ".csv":
        return files.write_csv(
            messages,
            p,
            force=force,
            neutralise=neutralise,
            index=True,
            index_label=messages.index.name or "row",
        )
    if p.suffix in (".html", ".htm"):
        return files.write_text(p, messages_html(messages, lang=lang), force=force)
    if p.suffix == ".txt":
        parts = []
        for i in range(len(messages)):
            subj = str(messages["subject"].iloc[i]) if "subject" in messages.columns else ""
            body = str(messages["message"].iloc[i])
            parts.append((subj + "\n\n" if subj else "") + body)
        return files.write_text(p, "\n\n-----\n\n".join(parts) + "\n", force=force)
    raise ParameterError(f"out: expected a .csv, .html or .txt file, got {str(p)!r}")
