# %% [markdown]
# # Exercise 12 · Post-purchase follow-up
#
# Four short tasks on message templates, missing values and your own follow-up message. Write your answer where it says
# `# Write your code here`, replacing each `None`, then run the check cell below it: it tells you
# whether you are right and, if not, what the likely mistake is. The lesson is
# `notebooks/12_follow_up.ipynb`.

# %% [markdown] tags=["solution"]
# *This is the solution notebook: the cells tagged `solution` hold the answers. The exercise
# notebook `exercises/12_follow_up.ipynb` is generated from it by `tools/make_exercises.py`.*

# %% tags=["parameters"]
seed = 42
lang = "en"

# %%
import string

from journeykit import messages as ms
from journeykit.checks.follow_up import (
    check_blocking_rows,
    check_messages,
    check_own_template,
    check_placeholders,
    practice_customers,
)
from journeykit.params import check_parameters

check_parameters(seed=seed, lang=lang)
tpl = ms.load_template("whatsapp_follow_up", lang)
print(tpl.body)

# %% [markdown]
# ## Task 1 · Which placeholders?
#
# Make `names` the list of placeholder names in the template body above, **without braces**, each
# once, in the order they first appear.

# %% tags=["solution"]
names = list(dict.fromkeys(field for _, field, _, _ in string.Formatter().parse(tpl.body) if field))

# %% tags=["nbval-check-output"]
print(check_placeholders(names, tpl, lang=lang))
# -- expected output --
# ✔ placeholders: correct.

# %% [markdown]
# ## Task 2 · Who would block the broadcast?
#
# `customers` is this week's buyers. Some names are missing. Make `blocking` the list of **index
# labels** (user ids) of the rows whose `customer_name` would stop `render_messages` — missing, or
# only spaces.

# %%
customers = practice_customers(seed)
customers

# %% tags=["solution"]
name = customers["customer_name"]
blocking = list(customers.index[name.isna() | (name.str.strip() == "")])

# %% tags=["nbval-check-output"]
print(check_blocking_rows(blocking, tpl, customers, lang=lang))
# -- expected output --
# ✔ rows that block the broadcast: correct (2 rows).

# %% [markdown]
# ## Task 3 · Send to the others
#
# Make `sent` the rendered messages (`ms.render_messages`) for the customers **without** a blocking
# row, signed by "Kopi Kita", with the link `https://kopikita.example/katalog`.

# %% tags=["solution"]
shared = {"shop_name": "Kopi Kita", "link": "https://kopikita.example/katalog"}
ready = customers.drop(index=blocking)
sent = ms.render_messages(tpl, ready, values=shared)

# %% tags=["nbval-check-output"]
print(
    check_messages(
        sent,
        tpl,
        customers,
        drop_blocking=True,
        values={"shop_name": "Kopi Kita", "link": "https://kopikita.example/katalog"},
        lang=lang,
    )
)
# -- expected output --
# ✔ messages: correct (6 messages).

# %% [markdown]
# ## Task 4 · Your own message
#
# Write `my_template`: a short follow-up in Bahasa Indonesia (or English) with at least
# `{customer_name}` and `{product}`. Ask for **one** thing — a reply, a review, a second order.

# %% tags=["solution"]
my_template = "Halo {customer_name}! Terima kasih sudah mencoba {product}. Bagaimana rasanya? Balas pesan ini, ya."

# %% tags=["nbval-check-output"]
print(check_own_template(my_template, lang=lang))
# -- expected output --
# ✔ your template: valid, with placeholders customer_name, product.
