"""What video each handset plays, and how a page offers it (pure data, no Flask).

A video is made in FORMATS, one file each (a "rendition"): docomo i-motion (3GPP), au
EZmovie (3GPP2), SoftBank 3G movie (3GPP) and H.264 MP4 for smartphones and PCs.
playback_for(handset) says which of them the handset plays, the largest file it fetches, and
how the page offers it: a plain link, docomo's <object declare> started by a link, au's
<object ... standby>, or an HTML5 <video>. A handset that plays none of them gets the poster
and a note. Views ask this module; they never compare carrier names.

Facts (see README, "Video", for the sources): containers and MIME types per carrier; QCIF
176x144 at most 15 fps is what every 3G handset plays; MPEG-4 Visual Simple Profile or H.263
with AMR-NB 8 kHz mono; docomo streaming wants moov before mdat and the brand mmp4; download
limits: docomo 300 KB (FOMA 2051 to 900i), 500 KB (901i on); au 1.5 MB (WIN, W series), 240 KB
(A series); SoftBank 3G 300 KB. mova, the first (ASF) FOMA models, HDML-era au, J-PHONE and
WILLCOM handsets are taken to play none of the files made here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from carriers.handset import Handset, per_handset
from carriers.markup_support import support_for

KB = 1024

#: how a page offers a video: a plain link; docomo's <object declare> started by a link;
#: au's <object> shown as a link by the handset; an HTML5 <video> element
EMBEDS = ("link", "docomo_object", "au_object", "video")


@dataclass(frozen=True, slots=True)
class VideoFormat:
    """One rendition: the file made for a family of handsets."""

    #: the rendition's name, in its URL: /videos/<id>/<name>.<extension>
    name: str
    extension: str
    #: sent as it is, never with a charset
    content_type: str
    #: ffmpeg's muxer
    muxer: str
    #: ffmpeg's video encoder and its options
    video_codec: str
    video_options: tuple[str, ...]
    #: ffmpeg's audio encoder and its options (sample rate, channels)
    audio_codec: str
    audio_options: tuple[str, ...]
    #: the picture: a fixed size (padded) when fixed, else at most width x height, even sides
    width: int
    height: int
    fixed_size: bool
    #: at most this many frames a second
    fps: int
    #: video bitrate in kbps: at most, and the least before the length is cut instead
    video_kbps_max: int
    video_kbps_min: int
    #: audio bitrate in kbps (AMR-NB takes only its eight rates)
    audio_kbps: float
    #: the ftyp major brand to write, where the carrier wants one (docomo streaming: mmp4)
    brand: str | None
    #: the file is made no larger than this
    max_bytes: int
    #: what the carrier calls it, shown beside the link
    label: str


FORMATS: dict[str, VideoFormat] = {fmt.name: fmt for fmt in (
    # docomo FOMA i-motion: MPEG-4 Visual SP (Level 1, ffmpeg's default), QCIF, 15 fps,
    # 64 kbps (the 900i series' ceiling), AMR-NB 12.2k; moov first and brand mmp4 for
    # streaming playback; 500 KB, the 901i-era download limit
    VideoFormat(
        name="imotion", extension="3gp", content_type="video/3gpp", muxer="3gp",
        video_codec="mpeg4", video_options=(), audio_codec="libopencore_amrnb",
        audio_options=("-ar", "8000", "-ac", "1"), width=176, height=144, fixed_size=True,
        fps=15, video_kbps_max=64, video_kbps_min=24, audio_kbps=12.2, brand="mmp4",
        max_bytes=500 * KB, label="iモーション"),
    # au EZmovie: 3GPP2, MPEG-4 Visual, QCIF, AAC-LC mono; 1.5 MB, the W series' limit
    VideoFormat(
        name="ezmovie", extension="3g2", content_type="video/3gpp2", muxer="3g2",
        video_codec="mpeg4", video_options=(), audio_codec="aac",
        audio_options=("-ar", "22050", "-ac", "1"), width=176, height=144, fixed_size=True,
        fps=15, video_kbps_max=96, video_kbps_min=24, audio_kbps=32, brand=None,
        max_bytes=1536 * KB, label="EZムービー"),
    # SoftBank 3G: 3GPP, H.263 baseline (profile 0) QCIF, AMR-NB; 300 KB
    VideoFormat(
        name="sbmovie", extension="3gp", content_type="video/3gpp", muxer="3gp",
        video_codec="h263", video_options=(), audio_codec="libopencore_amrnb",
        audio_options=("-ar", "8000", "-ac", "1"), width=176, height=144, fixed_size=True,
        fps=15, video_kbps_max=64, video_kbps_min=24, audio_kbps=12.2, brand=None,
        max_bytes=300 * KB, label="ムービー"),
    # smartphones and PCs: H.264 Main, at most 480 pixels a side, AAC; moov first
    VideoFormat(
        name="web", extension="mp4", content_type="video/mp4", muxer="mp4",
        video_codec="libx264",
        video_options=("-profile:v", "main", "-preset", "veryfast", "-pix_fmt", "yuv420p"),
        audio_codec="aac", audio_options=("-ar", "44100", "-ac", "2"), width=480, height=480,
        fixed_size=False, fps=30, video_kbps_max=600, video_kbps_min=150, audio_kbps=64,
        brand=None, max_bytes=20 * 1024 * KB, label="動画"),
)}


@dataclass(frozen=True, slots=True)
class Playback:
    """What one handset plays and how its page offers it."""

    #: the rendition it is served; None: it plays no video (poster and a note)
    format: VideoFormat | None
    #: the largest video file it fetches; None for no limit
    max_bytes: int | None
    #: one of EMBEDS
    embed: str
    #: the handset can send a file from a form (<input type="file">)
    uploads_files: bool
    #: SoftBank: the answer carries x-jphone-copyright so the file is not forwarded
    copyright_header: bool = False

    def plays(self, size: int) -> bool:
        """Return True when the handset plays its rendition of this many bytes."""
        return self.format is not None and (self.max_bytes is None or size <= self.max_bytes)


NO_VIDEO = Playback(format=None, max_bytes=None, embed="link", uploads_files=False)
#: HTML5 browsers: the H.264 MP4 in a <video controls poster>, no size limit
WEB = Playback(format=FORMATS["web"], max_bytes=None, embed="video", uploads_files=True)

#: docomo FOMA model numbers: four digits (N2051, P2102V) or the 900i series are of the
#: 300 KB era; later series (700i, 901i and on, and the N-01A naming) fetch 500 KB
_DOCOMO_SERIES = re.compile(r"[A-Z]{1,3}([0-9]{3,4})")
DOCOMO_OLD_LIMIT = 300 * KB
DOCOMO_LIMIT = 500 * KB
#: au: WIN handsets (W series) fetch 1.5 MB, the others (A series) 240 KB. The gateway's
#: MAX-PDU tells them apart: WIN models announce 128 KB pages and more
AU_WIN_PDU = 100 * KB
AU_WIN_LIMIT = 1536 * KB
AU_LIMIT = 240 * KB
SOFTBANK_3G_LIMIT = 300 * KB


def _docomo(handset: Handset) -> Playback:
    if handset.markup == "chtml":  # mova, and the first FOMA models (ASF i-motion only)
        return NO_VIDEO
    found = _DOCOMO_SERIES.match(handset.model or "")
    series = found.group(1) if found else None
    if series is None:
        limit = DOCOMO_LIMIT if handset.model else DOCOMO_OLD_LIMIT
    else:
        limit = DOCOMO_OLD_LIMIT if len(series) == 4 or series == "900" else DOCOMO_LIMIT
    # the <object declare> form keeps the file from being saved (count 0), where the
    # browser is known to read it; else the plain link every i-motion handset follows
    reads = support_for(handset).attribute("object", "declare") == "yes"
    return Playback(format=FORMATS["imotion"], max_bytes=limit,
                    embed="docomo_object" if reads else "link", uploads_files=False)


def _au(handset: Handset) -> Playback:
    if handset.markup == "chtml":  # HDML-era browsers: AMC files at most, none made here
        return NO_VIDEO
    win = (handset.page_limit_bytes or 0) >= AU_WIN_PDU
    reads = support_for(handset).attribute("object", "standby") == "yes"
    return Playback(format=FORMATS["ezmovie"], max_bytes=AU_WIN_LIMIT if win else AU_LIMIT,
                    embed="au_object" if reads else "link", uploads_files=False)


def _softbank(handset: Handset) -> Playback:
    if handset.markup == "chtml":  # J-PHONE: no 3GPP player known
        return NO_VIDEO
    return Playback(format=FORMATS["sbmovie"], max_bytes=SOFTBANK_3G_LIMIT, embed="link",
                    uploads_files=False, copyright_header=True)


_BY_CARRIER = {"docomo": _docomo, "au": _au, "softbank": _softbank}


@per_handset
def playback_for(handset: Handset) -> Playback:
    """Return what video this handset plays and how its page offers it."""
    if handset.markup == "html5":
        return WEB
    chooser = _BY_CARRIER.get(handset.carrier)
    return chooser(handset) if chooser is not None else NO_VIDEO

