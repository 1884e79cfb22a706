"""Handset detection for Japanese feature phones, smartphones and PCs (pure Python, no Flask).

    handset = carriers.detect(user_agent, headers, carriers.client_address(
        remote_addr, headers.get("X-Forwarded-For"), trusted_proxies))

detect() reads the carrier, model, cache, terminal ids, screen, markup family, charset and page
budget of the client; client_address() resolves X-Forwarded-For through trusted proxies; the
gateway ranges behind Handset.from_gateway come from carriers/data/gateway_ranges.txt or the
file KEITAI_GATEWAY_RANGES_FILE names.
"""
from __future__ import annotations

from carriers.crawlers import is_crawler
from carriers.detection import clear_caches, detect
from carriers.easy_login import EasyLoginCarrier, easy_login_rules
from carriers.gateways import (
    GatewayRanges,
    GatewayRangesError,
    gateway_ranges,
    load_gateway_ranges,
    reload_gateway_ranges,
    set_gateway_ranges,
)
from carriers.handset import CARRIERS, MARKUPS, Handset
from carriers.mail_domains import mail_carrier, mail_link_query
from carriers.proxies import client_address

__all__ = [
    "CARRIERS", "MARKUPS", "EasyLoginCarrier", "GatewayRanges", "GatewayRangesError",
    "Handset", "clear_caches", "client_address", "detect", "easy_login_rules", "gateway_ranges",
    "is_crawler", "load_gateway_ranges", "mail_carrier", "mail_link_query",
    "reload_gateway_ranges", "set_gateway_ranges",
]
