"""WSGI entry point for gunicorn: `gunicorn keitai.wsgi:app` (needs KEITAI_SECRET_KEY)."""
from keitai import create_app
from keitai.config import require_secret_key

require_secret_key()
app = create_app({"DEMO": False})  # never list the demo's logins in production
