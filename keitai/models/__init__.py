"""SQLAlchemy models, one module per aggregate."""
from keitai.models.base import Base
from keitai.models.web_session import WebSession

__all__ = ["Base", "WebSession"]
