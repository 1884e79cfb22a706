"""WSGI entry point for gunicorn: `gunicorn keitai.wsgi:app`."""
from keitai import create_app

app = create_app()
