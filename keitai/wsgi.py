"""WSGI entry point for gunicorn: `gunicorn keitai.wsgi:app` (needs KEITAI_SECRET_KEY)."""
import gc

from keitai import create_app
from keitai.config import require_secret_key

require_secret_key()
app = create_app({"DEMO": False})  # never list the demo's logins in production

# What importing the app made (modules, tables, the app) lives as long as the process: moved
# out of the collector's sight, a full collection no longer walks it (tens of milliseconds
# in a request, otherwise). Each worker imports this module, so each freezes its own.
gc.collect()
gc.freeze()
