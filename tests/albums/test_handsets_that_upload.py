"""Which handsets send files from a form: data by browser generation, not carrier names."""
from __future__ import annotations

import pytest

import carriers
from carriers.markup_support import support_for
from carriers.uploads import FILE_UPLOAD, can_upload_files
from tests.handsets import PAGE_PROFILES, PROFILES

EXPECTED = {"docomo-N505i": False, "docomo-P903i": False, "docomo-N06A": True,
            "au-W53CA": True, "au-C5001T": True, "au-HI01": False, "softbank-930SH": True,
            "softbank-J-SH51": False, "softbank-V602T": False, "willcom-WX310SA": False,
            "smartphone-iPhone": True, "pc-Firefox": True, "docomo-D501i": False}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_multipart_forms_come_from_browser_2_0_wap_2_0_3g_smartphones_and_pcs(name) -> None:
    profile = PROFILES[name]
    handset = carriers.detect(profile.user_agent, profile.headers)
    assert can_upload_files(handset) is EXPECTED[name]


def test_every_browser_language_the_site_knows_is_in_the_table() -> None:
    for name in PAGE_PROFILES:
        profile = PROFILES[name]
        language = support_for(carriers.detect(profile.user_agent, profile.headers)).language
        assert language in FILE_UPLOAD, language
