"""Domain errors: a rule refused what the member asked; the message is theirs to read.

Services raise these and nothing from the web: a view shows a DomainError in its own page
(`keitai.errors.refusal`), and one that escapes a view becomes an error page whose status
is the error's `status` (`keitai.errors`). A command or a job prints the message.
"""
from __future__ import annotations


class DomainError(Exception):
    """A request the site's rules refuse; str(error) is shown to the member as it is."""

    #: the HTTP status of the error page when the view does not show the refusal itself
    status = 400

    def __init__(self, message: str | None = None) -> None:
        message = message if message is not None else self.default_message
        super().__init__(message)
        #: what the member reads, in Japanese a handset user understands
        self.message = message

    #: the message when none is given
    default_message = "送信された内容を受け付けられませんでした。"


class NotFound(DomainError):
    """What was asked for does not exist, or the member may not know it does."""

    status = 404
    default_message = "ページが見つかりません。"


class NotAllowed(DomainError):
    """The thing exists, but this member may not do this to it."""

    status = 403
    default_message = "この操作はできません。"


class Conflict(DomainError):
    """The request lost a race with another one (used up, taken meanwhile)."""

    status = 409
    default_message = "ほかの操作と重なったため、受け付けられませんでした。"


def checked_text(label: str, text: str, limit: int, *, required: bool = True) -> str:
    """Return text when it has at most limit characters (and, when required, any); else
    raise DomainError naming the field, the limit and how many characters there are."""
    if required and not text:
        raise DomainError(f"{label}を入力してください。")
    if len(text) > limit:
        raise DomainError(f"{label}は{limit}文字以内で入力してください(今は{len(text)}文字です)。")
    return text
