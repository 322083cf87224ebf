# %% [markdown]
# # 12 · Post-purchase follow-up: the message after the sale
#
# **The question.** A few dozen people bought coffee this week. How do you send each of them a personal
# thank-you — their name, the beans they chose — without one of them receiving "Hi ," or a
# message meant for someone else?
#
# Article 002 makes the point that the customer journey does not end at the purchase: the days
# after it are the chance to build a lasting relationship and a second order. Its example is a
# **WhatsApp broadcast** from a coffee shop: greet the customer by name, thank them, ask about the
# variety they bought, point to new single-origin beans and a second-purchase promotion. In the
# Customer Value Journey this message works on **excite → ascend**: make sure the first purchase
# delivered value, then invite the next, bigger one.

# %% [markdown]
# ## Parameters
#
# * `seed`, `n_users` — the synthetic coffee data set;
# * `lang` — `"en"` or `"id"`: the language of the message template and of the labels;
# * `template` — `"whatsapp_follow_up"`, `"review_request"` or `"referral_invite"`;
# * `shop_name` — the name that signs the messages;
# * `recent_days` — follow up everyone who ordered in the last `recent_days` days of the data.

# %% tags=["parameters"]
seed = 42
lang = "en"
n_users = 10000
template = "whatsapp_follow_up"
shop_name = "Kopi Kita"
recent_days = 7

# %%
import pandas as pd
from IPython.display import HTML

from journeykit import messages as ms
from journeykit import synth
from journeykit.checks.follow_up import customer_names
from journeykit.errors import JourneykitError
from journeykit.params import check_parameters

check_parameters(
    seed=seed,
    lang=lang,
    n_users=n_users,
    template=template,
    shop_name=shop_name,
    recent_days=recent_days,
)
tables = synth.generate("coffee", n_users=n_users, seed=seed)

# %% [markdown]
# ## 1. A template with placeholders
#
# A template is the message with **named placeholders** in braces where each customer's details
# go: `{customer_name}`, `{product}`, `{shop_name}`, `{link}`. The course ships three, in English
# and Bahasa Indonesia, written after article 002's example:

# %% tags=["nbval-check-output"]
tpl = ms.load_template(template, lang)
print(tpl.subject)
print()
print(tpl.body)
# -- expected output --
# Your next favourite coffee is waiting ☕
#
# Hi {customer_name},
#
# Thank you for choosing {shop_name}! We hope you are enjoying your {product} and that it makes your mornings a little brighter.
#
# How are you finding it? Reply to this message with a tip or a story — we read every one.
#
# We have just roasted a few new single-origin beans with flavours we think you will enjoy. Have a look: {link}
#
# This week your second order comes with a special discount. 😉
#
# Warm regards,
# The {shop_name} team

# %% tags=["nbval-check-output"]
print("placeholders:", ", ".join(tpl.placeholders))
# -- expected output --
# placeholders: customer_name, shop_name, product, link

# %% [markdown]
# `{customer_name}` and `{product}` differ per customer, so they come from a table with one row
# per customer. `{shop_name}` and `{link}` are the same for everyone: shared values.
#
# ## 2. Who gets a message?
#
# Everyone who ordered in the last `recent_days` days, with the product of their latest order.
# The synthetic data has user ids but no names, so we give each buyer a (seeded) first name.
# `first_purchase` marks new customers — the ones for whom the excite step matters most.

# %% tags=["nbval-check-output"]
buyers = ms.recent_buyers(tables.orders, within_days=recent_days)
customers = buyers.assign(customer_name=customer_names(buyers.index, seed=seed))
print(
    f"{len(customers)} buyers in the last {recent_days} days, "
    f"{int(customers['first_purchase'].sum())} of them first-time buyers"
)
# -- expected output --
# 18 buyers in the last 7 days, 6 of them first-time buyers

# %%
customers.head()

# %% [markdown]
# ## 3. Render one message per customer

# %% tags=["nbval-check-output"]
shared = {"shop_name": shop_name, "link": "https://kopikita.example/katalog", "reward": "Rp25.000"}
sent = ms.render_messages(tpl, customers, values=shared)
print(sent["message"].iloc[0])
# -- expected output --
# Hi Budi,
#
# Thank you for choosing Kopi Kita! We hope you are enjoying your sampler pack and that it makes your mornings a little brighter.
#
# How are you finding it? Reply to this message with a tip or a story — we read every one.
#
# We have just roasted a few new single-origin beans with flavours we think you will enjoy. Have a look: https://kopikita.example/katalog
#
# This week your second order comes with a special discount. 😉
#
# Warm regards,
# The Kopi Kita team

# %% [markdown]
# `render_messages` returns one row per customer, with the customers' own index (user ids), so
# each message can be traced back to its person.
#
# ## 4. All or nothing
#
# Real customer lists have gaps. Say two names are missing — one empty, one just a space:

# %% tags=["nbval-check-output"]
broken = customers.copy()
broken.loc[broken.index[[1, 3]], "customer_name"] = [None, " "]
try:
    ms.render_messages(tpl, broken, values=shared)
except JourneykitError as err:
    print(err)
# -- expected output --
# customers.customer_name: no value for placeholder(s) customer_name (rows 340, 850) - nothing was rendered [rows 340, 850]

# %% [markdown]
# Nothing was rendered: one error names every placeholder that lacks a value and the rows (user
# ids) where it is missing. A broadcast tool that quietly sent "Halo ," to two customers, or
# skipped them without a word, would be worse. You decide: fix the data, drop those rows, or fill
# a polite default on purpose:

# %% tags=["nbval-check-output"]
fixed = broken.assign(
    customer_name=broken["customer_name"].str.strip().replace("", None).fillna("Coffee lover")
)
print(len(ms.render_messages(tpl, fixed, values=shared)), "messages, none half-filled")
# -- expected output --
# 18 messages, none half-filled

# %% [markdown]
# A shared value that is forgotten is the same kind of error — it names the placeholders the
# template needs and the columns the table has:

# %% tags=["nbval-check-output"]
try:
    ms.render_messages(tpl, customers, values={"shop_name": shop_name})
except JourneykitError as err:
    print(err)
# -- expected output --
# placeholders: expected a customer column or a shared value for every placeholder of template 'whatsapp_follow_up' (customer_name, shop_name, product, link); customer columns are product, ordered_at, orders, first_purchase, customer_name, got nothing for link

# %% [markdown]
# ## 5. Safe by construction
#
# Two habits keep a template safe even when customer data is strange.
#
# * **Only plain names in braces.** Python's `str.format` would also accept `{customer_name.__class__}`
#   or `{items[0]}` — attribute and index access, a classic way to leak internals through a
#   template. `journeykit` parses templates with `string.Formatter` and refuses anything but a name
#   (and a simple format such as `{price:,.0f}`).
# * **Customer text is pasted, never formatted again.** A customer whose name is `{link}` gets
#   exactly that name. In the HTML preview, every message is escaped, so a name like
#   `<b>Budi</b>` shows as text instead of changing the page.

# %% tags=["nbval-check-output"]
try:
    ms.render_messages("Halo {customer_name.__class__}", customers)
except JourneykitError as err:
    print(err)
# -- expected output --
# template.body: expected plain placeholder names (attribute and index access are not allowed), got {customer_name.__class__}

# %%
odd = customers.head(2).assign(customer_name=["<b>Budi</b>", "{link}"])
HTML(
    ms.messages_html(
        ms.render_messages(tpl, odd, values=shared), names=odd["customer_name"], lang=lang
    )
)

# %% [markdown]
# ## 6. Sending: WhatsApp click-to-chat links
#
# WhatsApp's click-to-chat links open a chat with the message already typed. With phone numbers
# (here made up from the user ids; write real ones with the country code, 62 for Indonesia):

# %% tags=["nbval-check-output"]
phones = pd.Series("62812" + customers.index.astype(str).str.zfill(7), index=customers.index)
print(ms.whatsapp_links(phones, sent).iloc[0][:90] + "...")
# -- expected output --
# https://wa.me/628120000240?text=%2AYour%20next%20favourite%20coffee%20is%20waiting%20%E2%9...

# %% [markdown]
# From the command line, the same in one step (the CSV has a `customer_name` and a `product`
# column; nothing is overwritten without `--force`):
#
# ```bash
# journeykit message render whatsapp_follow_up customers.csv --lang id \
#     --set shop_name="Kopi Kita" --set link=https://kopikita.example --out messages.html
# ```
#
# ## 7. One message per transition
#
# Each built-in template is a small campaign (lesson 11): a call to action, a traffic source,
# and the transition it aims at.

# %% tags=["nbval-check-output"]
print(
    pd.DataFrame(
        [
            {
                "template": k,
                "channel": ms.load_template(k, lang).channel,
                "transition": f"{ms.load_template(k, lang).from_step} → {ms.load_template(k, lang).to_step}",
            }
            for k in ms.list_templates()
        ]
    ).to_string(index=False)
)
# -- expected output --
#           template  channel         transition
#    referral_invite whatsapp advocate → promote
#     review_request    email  ascend → advocate
# whatsapp_follow_up whatsapp    excite → ascend

# %% [markdown]
# ### What to notice
#
# * The follow-up is not an afterthought: it is the campaign for *excite → ascend*. The review
#   request works on *ascend → advocate*, the referral invitation on *advocate → promote*
#   (lesson 10's K depends on it).
# * Personal details make a broadcast feel personal only if **every** message is right. The
#   all-or-nothing rule turns a silent embarrassment into a loud, fixable error.
# * The message asks for **one** thing (look at the new beans; second-order promo), as a campaign
#   should.

# %% [markdown]
# ## Try it yourself
#
# 1. Set `lang = "id"`: the template switches to Bahasa Indonesia; the customers stay the same.
# 2. Set `template = "referral_invite"`. Which placeholder does it add, and where does its value
#    come from?
# 3. Set `recent_days = 30`. How many first-time buyers are there now?
# 4. Write your own template as a string with `{customer_name}` and `{product}` and render it
#    for `customers`. Then add `{customer_name.upper}` and read the error.

# %% [markdown]
# ## Summary
#
# * A post-purchase message keeps the journey going after the sale: it works on excite → ascend.
# * A **template** holds named placeholders; values come from the customer table (per row) or are
#   shared by every message.
# * **All or nothing**: a missing column or an empty cell stops the whole render with one error
#   that lists the placeholders and the rows. Never a half-filled message.
# * **Safe templates**: plain names only (no attribute or index access); customer text is pasted
#   as data and escaped in HTML.
#
# **Exercise:** `exercises/12_follow_up.ipynb`.
