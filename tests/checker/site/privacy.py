"""Fixture pages for the privacy rules. The site gives its session in the address
(?ksid=...), as it does to a handset without cookies; the checker learns it from there."""
from __future__ import annotations

import carriers
from carriers.softbank import sends_user_id
from tests.checker.site import ALL, FixturePage, carrier, chtml, handsets

TOKEN = "AB12CD34EF56"
#: handsets whose gateway adds a subscriber id to a request with guid=ON
IDENTIFIED = carrier("docomo", "au") | handsets(
    lambda p: p.carrier == "softbank" and sends_user_id(p.user_agent))
DOCOMO = carrier("docomo")


def subscriber_out(handset: carriers.Handset) -> bytes:
    """Return a page that hands the subscriber id it received to another site."""
    if handset.subscriber_id is None:
        return chtml("welcome")
    return chtml(f'<a href="http://ads.example/count?who={handset.subscriber_id}">ads</a>')


def guid_for_docomo(handset: carriers.Handset) -> bytes:
    """Return a page whose own links carry guid=ON for docomo, but not all of them."""
    guid = "?guid=ON" if handset.wants_guid else ""
    return chtml(f'<a href="/plain{guid}" accesskey="1">login</a>')


def guid_everywhere(handset: carriers.Handset) -> bytes:
    """Return a page whose every own link and form sends the i-mode ID to docomo."""
    query = "?guid=ON" if handset.wants_guid else ""
    hidden = '<input type="hidden" name="guid" value="ON">' if handset.wants_guid else ""
    return (f'<html><head><title>fixture</title></head><body>'
            f'<a href="#end">end</a><br>'
            f'<form action="/plain">{hidden}<input name="q"></form>'
            f'<form action="/plain{query}" method="post"><input name="q"></form>'
            f'<a href="https://fixture.test/secure">secure</a><br>'
            f'<a name="end" href="/{query}" accesskey="0">top</a></body></html>').encode("cp932")


PAGES = [
    FixturePage(f"/privacy/token-out?ksid={TOKEN}",
                chtml(f'<a href="http://other.example/?ref={TOKEN}">partner</a>'),
                expect={"privacy.token-to-other-host": ALL},
                note="the site's own session token in a link to another site"),
    FixturePage(f"/privacy/token-form?ksid={TOKEN}",
                chtml('<form action="http://other.example/vote" method="post">'
                      f'<input type="hidden" name="ksid" value="{TOKEN}">'
                      '<input type="submit" value="vote"></form>'),
                expect={"privacy.token-to-other-host": ALL},
                note="the session token in a hidden field of a form to another site"),
    FixturePage(f"/privacy/token-redirect?ksid={TOKEN}", chtml("moved"), status=302,
                headers=(("Location", f"http://other.example/welcome?ksid={TOKEN}"),),
                expect={"privacy.token-to-other-host": ALL},
                note="a redirect to another site that takes the session token along"),
    FixturePage("/privacy/foreign-session",
                chtml('<a href="http://other.example/;jsessionid=0A1B2C3D4E5F">shop</a>'),
                expect={"privacy.token-to-other-host": ALL},
                note="an address of another site with a session id the checker was never given"),
    FixturePage("/privacy/id-out?guid=ON", subscriber_out,
                expect={"privacy.terminal-id-to-other-host": IDENTIFIED},
                note="the subscriber id the gateway sent, passed on to an ad counter"),
    FixturePage("/privacy/uid-out", chtml('<a href="http://ads.example/?uid=A1B2C3D4E5">ads</a>'),
                expect={"privacy.terminal-id-to-other-host": ALL},
                note="a uid= parameter to another site"),
    FixturePage("/privacy/official-uid",
                chtml('<a href="http://official.example/?uid=NULLGWDOCOMO">official</a>'),
                note="control: uid=NULLGWDOCOMO asks docomo's gateway, it is not an id"),
    FixturePage(f"/privacy/referer?ksid={TOKEN}",
                chtml('<a href="http://other.example/">partner</a>'),
                expect={"privacy.referer-leak": ALL},
                note="a page with the session in its address links straight out"),
    FixturePage(f"/privacy/exit-page?ksid={TOKEN}",
                chtml('<a href="/exit?to=http%3A%2F%2Fother.example%2F">partner</a>'),
                note="control: the way out goes through the site's exit page"),
    FixturePage("/privacy/guid-partly", guid_for_docomo,
                expect={"privacy.guid-missing": DOCOMO},
                note="docomo's login link asks for the i-mode ID, the link to the top does not"),
    FixturePage("/privacy/guid-everywhere", guid_everywhere,
                note="control: every own link and form carries guid=ON for docomo (GET forms "
                     "by a hidden field, POST forms in the action)"),
]
