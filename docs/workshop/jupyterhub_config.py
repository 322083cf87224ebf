"""A JupyterHub for a journeykit workshop: one server, each learner with their own JupyterLab.

Start it with ``jupyterhub -f jupyterhub_config.py`` (see docs/WORKSHOP.md, section 3). It needs
``pip install jupyterhub journeykit`` in the environment the learners' servers run in and
``npm install -g configurable-http-proxy``.

On a real server learners log in with their own Linux accounts (``LocalProcessSpawner`` +
PAM): create them with ``adduser`` and list them in ``JOURNEYKIT_HUB_USERS``. With
``JOURNEYKIT_HUB_TEST=1`` (what ``tests/hub/test_hub.py`` sets) the same hub runs every learner
as the current user with a home folder under ``JOURNEYKIT_HUB_HOMES`` and one shared password —
only for a test or a throw-away laptop demo, never for a class.

Settings read from the environment (defaults in brackets):
``JOURNEYKIT_HUB_USERS`` learners, comma-separated [learner1,learner2];
``JOURNEYKIT_HUB_IP`` / ``JOURNEYKIT_HUB_PORT`` where the hub listens [0.0.0.0 / 8000];
``JOURNEYKIT_HUB_TOKEN`` a token for the trainer's scripts (the ``trainer`` service);
``JOURNEYKIT_HUB_STATE`` folder for the hub's database and secrets [.].
"""

import os
import secrets
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

users = {u.strip() for u in os.environ.get("JOURNEYKIT_HUB_USERS", "learner1,learner2").split(",")}
state = Path(os.environ.get("JOURNEYKIT_HUB_STATE", ".")).resolve()
test = os.environ.get("JOURNEYKIT_HUB_TEST") == "1"

c.JupyterHub.ip = os.environ.get("JOURNEYKIT_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(os.environ.get("JOURNEYKIT_HUB_PORT", "8000"))
if "JOURNEYKIT_HUB_INTERNAL_PORT" in os.environ:  # the hub's own API, behind the proxy
    c.JupyterHub.hub_port = int(os.environ["JOURNEYKIT_HUB_INTERNAL_PORT"])
if "JOURNEYKIT_HUB_PROXY_API_PORT" in os.environ:
    c.ConfigurableHTTPProxy.api_url = (
        f"http://127.0.0.1:{os.environ['JOURNEYKIT_HUB_PROXY_API_PORT']}"
    )
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(state / "jupyterhub-proxy.pid")

c.Authenticator.allowed_users = users
c.Authenticator.admin_users = set()
c.Spawner.default_url = "/lab"
c.Spawner.cmd = [str(Path(sys.executable).with_name("jupyterhub-singleuser"))]
c.Spawner.environment = {"TQDM_DISABLE": "1", "MPLBACKEND": "Agg"}
# Measured: a lesson kernel peaks at 200-300 MiB with the defaults (docs/WORKSHOP.md); 1 GiB
# lets a learner try a larger n_users. Spawners that enforce it: systemd (TLJH), docker.
c.Spawner.mem_limit = "1G"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

if test:
    c.JupyterHub.authenticator_class = "dummy"
    c.DummyAuthenticator.password = os.environ.get("JOURNEYKIT_HUB_PASSWORD", secrets.token_hex(8))
    c.JupyterHub.spawner_class = "simple"
    homes = Path(os.environ.get("JOURNEYKIT_HUB_HOMES", state / "homes"))
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
    c.Spawner.args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
else:
    c.JupyterHub.spawner_class = "localprocess"  # each learner's own Linux account

token = os.environ.get("JOURNEYKIT_HUB_TOKEN")
if token:
    c.JupyterHub.services = [{"name": "trainer", "api_token": token}]
    c.JupyterHub.load_roles = [
        {
            "name": "trainer",
            "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"],
            "services": ["trainer"],
        }
    ]
