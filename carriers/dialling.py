"""How a page links a phone number so that selecting it dials: the scheme per browser.

Every Japanese carrier's browser dials a ``tel:`` link: i-mode (cHTML and i-XHTML), EZweb
(XHTML MP, and cHTML as the EZ server converted it for HDML-era handsets), J-PHONE and
SoftBank, WILLCOM; so does every smartphone. docomo's ``tel-av:`` starts a video call, which
only capable FOMA models have and a number in a member's text does not ask for, so it is not
used for them. A PC has no phone: its numbers stay text.
"""
from __future__ import annotations

from carriers.handset import Handset

#: the scheme of a link that dials, by Handset.carrier; None where the browser cannot dial
DIAL_SCHEMES: dict[str, str | None] = {
    "docomo": "tel:", "au": "tel:", "softbank": "tel:", "willcom": "tel:",
    "smartphone": "tel:", "pc": None,
}


def dial_scheme(handset: Handset) -> str | None:
    """Return the scheme of a link that dials on this handset, or None where none does."""
    return DIAL_SCHEMES.get(handset.carrier)
