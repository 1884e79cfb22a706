"""Domain errors: a rule refused what the member asked; the message is theirs to read."""
from __future__ import annotations


class DomainError(Exception):
    """A request the site's rules refuse; str(error) is shown to the member as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        #: what the member reads, in Japanese a handset user understands
        self.message = message
