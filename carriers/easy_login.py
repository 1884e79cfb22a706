"""Easy login per carrier: which terminal id counts, and how a handset user turns it on.

Only ids the carrier's own gateway adds or the handset sends on request are used. Whether a
request really came through that gateway is Handset.from_gateway; detect() reads only the id
header of the User-Agent's own carrier, so a docomo header on an au User-Agent is never read.
The wording is what the handset user reads when easy login is refused; menu names differ
between models and years, so it describes the setting rather than a menu path.
"""
from __future__ import annotations

from dataclasses import dataclass

from carriers.handset import Handset

#: what each kind of terminal id is called on the easy-login pages
ID_KIND_NAMES = {"card_id": "FOMAカードの製造番号", "serial": "端末の製造番号"}


@dataclass(frozen=True, slots=True)
class EasyLoginCarrier:
    """How easy login works on one carrier's handsets."""

    #: one of carriers.CARRIERS
    carrier: str
    #: the carrier's mobile web service, as its users call it
    network: str
    #: what the subscriber id is called (i-mode ID, EZ number, user ID)
    id_name: str
    #: Handset fields that may identify the subscriber, most preferred first
    id_fields: tuple[str, ...]
    #: the serial is sent only from a form with the utn attribute (docomo asks the user)
    serial_by_form: bool
    #: what to do when the id did not arrive, in the handset user's words
    how_to_send: str

    def terminal_ids(self, handset: Handset) -> list[tuple[str, str]]:
        """Return the (kind, value) ids this request carries, most preferred first."""
        found = ((kind, getattr(handset, kind)) for kind in self.id_fields)
        return [(kind, value) for kind, value in found if value]

    def kind_name(self, kind: str) -> str:
        """Return what a kind of id is called on this carrier."""
        return self.id_name if kind == "subscriber_id" else ID_KIND_NAMES.get(kind, kind)


RULES: dict[str, EasyLoginCarrier] = {rule.carrier: rule for rule in (
    EasyLoginCarrier(
        carrier="docomo", network="iモード", id_name="iモードID",
        id_fields=("subscriber_id", "card_id", "serial"), serial_by_form=True,
        how_to_send=("iモードIDが送られてきませんでした。iモードの設定でiモードIDを"
                     "「通知する(送信する)」にしてから、もう一度お試しください。"
                     "iモードIDを使えない機種では、送信の確認が出たら「はい」を選ぶと"
                     "端末の製造番号で登録・ログインできます。"),
    ),
    EasyLoginCarrier(
        carrier="au", network="EZweb", id_name="EZ番号",
        id_fields=("subscriber_id",), serial_by_form=False,
        how_to_send=("EZ番号(サブスクライバID)が送られてきませんでした。EZwebの設定で"
                     "EZ番号を「通知する」にしてから、もう一度お試しください。"),
    ),
    EasyLoginCarrier(
        carrier="softbank", network="Yahoo!ケータイ", id_name="ユーザID",
        id_fields=("subscriber_id",), serial_by_form=False,
        how_to_send=("ユーザIDが送られてきませんでした。ブラウザの設定でユーザIDを"
                     "「通知する」にしてから、もう一度お試しください。"),
    ),
)}

#: the networks easy login works on, for the words shown to PCs and smartphones
NETWORKS = "・".join(rule.network for rule in RULES.values())


def easy_login_rules(handset: Handset) -> EasyLoginCarrier | None:
    """Return the easy-login rules of the handset's carrier, or None where it has none."""
    return None if handset.crawler else RULES.get(handset.carrier)
