"""The short Japanese sentences a member reads when a feed cannot be fetched or read."""
from __future__ import annotations

NO_SUCH_HOST = "サーバーが見つかりません"
CANNOT_CONNECT = "接続できませんでした"
TIMEOUT = "時間内に応答がありませんでした"
BAD_CERTIFICATE = "サーバーの証明書を確認できませんでした"
TOO_MANY_REDIRECTS = "転送(リダイレクト)が多すぎます"
REDIRECT_LOOP = "転送(リダイレクト)が繰り返されています"
TOO_MANY_REQUESTS = "アクセスが多すぎると断られました(429)"
BAD_ANSWER = "サーバーの応答が正しくありません"
CUT_OFF = "受信の途中で接続が切れました"


def too_large(limit: int) -> str:
    """Return "フィードが大きすぎます(上限 2MB)" for the limit in bytes."""
    return f"フィードが大きすぎます(上限 {size_label(limit)})"


def size_label(size: int) -> str:
    """Return 2097152 as "2MB", 512000 as "500KB", 100 as "100バイト"."""
    for unit, name in ((1024 * 1024, "MB"), (1024, "KB")):
        if size >= unit:
            value = size / unit
            return f"{value:.0f}{name}" if value == int(value) else f"{value:.1f}{name}"
    return f"{size}バイト"


def not_found(status: int) -> str:
    """Return the sentence for a 404 or 410."""
    return f"ページが見つかりません({status})"


def server_error(status: int) -> str:
    """Return the sentence for a 5xx."""
    return f"サーバーのエラーです({status})"


def forbidden(status: int) -> str:
    """Return the sentence for a 401 or 403."""
    return f"アクセスが許可されていません({status})"


def bad_answer(status: int) -> str:
    """Return the sentence for an answer that is no feed and no known failure."""
    return f"{BAD_ANSWER}({status})"
