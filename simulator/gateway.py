"""What each carrier's gateway did to a handset's request: ids, User-Agent serials, address.

One small class per carrier, looked up by GATEWAYS[carrier]; nothing here is sent over HTTPS
(see proxy.build_request), and nothing is sent when the profile withholds its ids, except the
serials a utn confirmation lets through (the confirmation is the user's consent).
"""
from __future__ import annotations

import hashlib
import re
from typing import ClassVar
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import carriers
from carriers.docomo import with_serial
from carriers.softbank import sends_user_id
from simulator.profiles import Profile

#: an address outside every carrier gateway (TEST-NET-2), for profiles not via their gateway
OUTSIDE_ADDRESS = "198.51.100.20"
_SOFTBANK_SERIAL = re.compile(r"/SN[0-9A-Za-z]+")
_NULLGW = re.compile(r"(^|&)(uid=)NULLGWDOCOMO(?=&|$)", re.IGNORECASE)


class Gateway:
    """A carrier without terminal ids (WILLCOM, and the internet for smartphones and PCs)."""

    #: carrier whose published ranges the request comes from; None: straight from the internet
    ranges_carrier: ClassVar[str | None] = None
    #: whether links and forms marked utn make this handset offer its serial
    honours_utn: ClassVar[bool] = False

    def user_agent(self, profile: Profile, send_ids: bool, serials: bool) -> str:
        """Return the User-Agent as the site receives it."""
        return profile.user_agent

    def url(self, profile: Profile, url: str, send_ids: bool) -> str:
        """Return the URL as the gateway forwards it."""
        return url

    def id_headers(self, profile: Profile, url: str, send_ids: bool) -> dict[str, str]:
        """Return the terminal-id headers the gateway adds."""
        return {}

    def forwarded_for(self, profile: Profile) -> str | None:
        """Return the client address the gateway reports, None for no X-Forwarded-For."""
        if self.ranges_carrier is None:
            return None
        if not profile.via_gateway:
            return OUTSIDE_ADDRESS
        networks = carriers.gateway_ranges().networks(self.ranges_carrier)
        if not networks:
            return OUTSIDE_ADDRESS
        network = networks[0]
        hosts = max(network.num_addresses - 2, 1)
        seed = int(hashlib.sha256(profile.name.encode("utf-8")).hexdigest()[:8], 16)
        return str(network.network_address + 1 + seed % hosts)


class DocomoGateway(Gateway):
    """i-mode: X-DCMGUID on guid=ON, uid=NULLGWDOCOMO rewritten, utn serials in the UA."""

    ranges_carrier = "docomo"
    honours_utn = True

    def user_agent(self, profile: Profile, send_ids: bool, serials: bool) -> str:
        """Add ser (and icc on FOMA) to the User-Agent after a utn confirmation."""
        serial = profile.ids.get("serial")
        if not serials or not serial:
            return profile.user_agent
        return with_serial(profile.user_agent, serial, profile.ids.get("card_id"))

    def url(self, profile: Profile, url: str, send_ids: bool) -> str:
        """Replace uid=NULLGWDOCOMO in the query by the handset's user id."""
        uid = profile.ids.get("uid")
        parts = urlsplit(url)
        if not send_ids or not uid or "nullgwdocomo" not in parts.query.lower():
            return url
        query = _NULLGW.sub(lambda m: m.group(1) + m.group(2) + uid, parts.query)
        return urlunsplit(parts._replace(query=query))

    def id_headers(self, profile: Profile, url: str, send_ids: bool) -> dict[str, str]:
        """Send the i-mode ID when the URL's query has guid=ON (in any case)."""
        guid = profile.ids.get("guid")
        query = parse_qsl(urlsplit(url).query, keep_blank_values=True)
        asked = any(k.lower() == "guid" and v.lower() == "on" for k, v in query)
        return {"X-DCMGUID": guid} if send_ids and guid and asked else {}


class AuGateway(Gateway):
    """EZweb: the subscriber number on every request."""

    ranges_carrier = "au"

    def id_headers(self, profile: Profile, url: str, send_ids: bool) -> dict[str, str]:
        """Send X-UP-SUBNO."""
        subno = profile.ids.get("subno")
        return {"X-UP-SUBNO": subno} if send_ids and subno else {}


class SoftbankGateway(Gateway):
    """SoftBank: X-JPHONE-UID (P, W and 3GC types) and the SN serial in the User-Agent."""

    ranges_carrier = "softbank"

    def user_agent(self, profile: Profile, send_ids: bool, serials: bool) -> str:
        """Put the profile's serial in the /SN field, or drop the field when ids are off."""
        serial = profile.ids.get("serial")
        if send_ids and serial:
            return _SOFTBANK_SERIAL.sub(f"/SN{serial}", profile.user_agent, count=1)
        return _SOFTBANK_SERIAL.sub("", profile.user_agent, count=1)

    def id_headers(self, profile: Profile, url: str, send_ids: bool) -> dict[str, str]:
        """Send X-JPHONE-UID, except from C-type handsets."""
        uid = profile.ids.get("uid")
        if not send_ids or not uid or not sends_user_id(profile.user_agent):
            return {}
        return {"X-JPHONE-UID": uid}


class WillcomGateway(Gateway):
    """AIR-EDGE: requests come from WILLCOM's ranges, with no terminal ids."""

    ranges_carrier = "willcom"


GATEWAYS: dict[str, Gateway] = {
    "docomo": DocomoGateway(), "au": AuGateway(), "softbank": SoftbankGateway(),
    "willcom": WillcomGateway(), "smartphone": Gateway(), "pc": Gateway(),
}


def gateway_for(profile: Profile) -> Gateway:
    """Return the gateway a profile's requests pass through."""
    return GATEWAYS.get(profile.carrier, GATEWAYS["pc"])
