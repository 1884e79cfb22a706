"""Which handsets can send a file from a web form (<input type="file"> in a multipart form).

Decided by the browser generation the handset runs (carriers.markup_support), from a table
of languages, not by comparing carrier names in views. Handsets that cannot are told to post
their photos by mail.

- docomo: file upload from a form came with i-mode browser 2.0 (2009); i-mode HTML and
  i-XHTML handsets (i-mode browser 1.0) cannot.
- au: the WAP 2.0 handsets (UP.Browser 6 and later, XHTML MP) can; the HDML-era ones cannot.
- SoftBank: the 3G handsets (SoftBank XHTML) can; the J-PHONE 2G browsers cannot.
- WILLCOM's keitai browser is treated as unable (its makers' data was not found).
- Smartphones and PCs can.
"""
from __future__ import annotations

from carriers.handset import Handset, per_handset
from carriers.markup_support import support_for

#: BrowserSupport.language -> whether its forms send files
FILE_UPLOAD: dict[str, bool] = {
    "i-mode HTML": False,
    "i-XHTML": False,
    "i-mode browser 2.0": True,
    "XHTML MP": True,
    "HDML": False,
    "MML": False,
    "J-PHONE HTML": False,
    "SoftBank XHTML": True,
    "HTML": False,
    "HTML5": True,
}


@per_handset
def can_upload_files(handset: Handset) -> bool:
    """Return True when the handset's browser sends a file from a multipart form."""
    return FILE_UPLOAD.get(support_for(handset).language, False)
