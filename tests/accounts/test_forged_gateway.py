"""An outsider behind our trusted proxy cannot pass for a carrier gateway by padding headers."""
from __future__ import annotations

import pytest

from tests.accounts.test_easy_login import log_out, one_tap, register
from tests.handsets import GATEWAY_ADDRESS, OUTSIDE_ADDRESS, SUBSCRIBER_IDS

DOCOMO = GATEWAY_ADDRESS["docomo"]


def padded(cut: int) -> str:
    """Return what the outsider sends: a gateway address ending at `cut` characters."""
    return "x" * (cut - len(DOCOMO) - 2) + ", " + DOCOMO


@pytest.mark.parametrize("cut", [2048, 4096])
def test_easy_login_refuses_a_gateway_address_the_client_wrote(app, handset, create_member,
                                                               cut: int) -> None:
    create_member(email="taro@docomo.ne.jp")
    owner = handset("docomo-P903i")
    log_out(owner, register(owner, "taro@docomo.ne.jp"))
    # the outsider's request reaches the app through our proxy (127.0.0.1, trusted in tests),
    # which appends the address it really came from
    outsider = handset("docomo-P903i", remote_addr="127.0.0.1", send_ids=False)
    headers = {"X-Forwarded-For": f"{padded(cut)}, {OUTSIDE_ADDRESS}",
               "X-DCMGUID": SUBSCRIBER_IDS["docomo"]}
    answer = one_tap(outsider, "/?guid=ON", headers=headers)
    assert answer.status_int == 200
    assert "接続からだけ使えます" in outsider.text(answer)
    shown = outsider.text(outsider.get("/handset", headers=headers))
    assert OUTSIDE_ADDRESS in shown and DOCOMO not in shown


def test_the_forwarded_header_is_not_believed(app, handset) -> None:
    outsider = handset("docomo-P903i", remote_addr="127.0.0.1", send_ids=False)
    shown = outsider.text(outsider.get("/handset", headers={"Forwarded": f"for={DOCOMO}"}))
    assert DOCOMO not in shown and "127.0.0.1" in shown
