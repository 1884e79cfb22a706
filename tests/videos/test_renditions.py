"""What the worker makes of a real clip: one file per kind of handset, each as its carrier
plays it (container brand, codecs, picture size, frame rate, size limit, moov first)."""
from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from carriers.video import FORMATS
from keitai.features.videos import transcode
from tests.outbox import jobs_in, run_jobs
from tests.videos.conftest import add, ffprobe, file_bytes, top_boxes, video_state

#: per rendition: major brand, video codec, audio codec, picture size (None: at most 480)
EXPECTED = {
    "imotion": ("mmp4", "mpeg4", "amr_nb", (176, 144)),
    "ezmovie": ("3g2a", "mpeg4", "aac", (176, 144)),
    "sbmovie": ("3gp4", "h263", "amr_nb", (176, 144)),
    "web": ("isom", "h264", "aac", None),
}


@pytest.fixture()
def made(app, clips, premium_member, tmp_path) -> dict[str, bytes]:
    """Send the short clip and let the worker make it (no shared results: a real run)."""
    video_id = add(app, premium_member(), clips["short"])
    assert [job.kind for job in jobs_in(app)] == ["video.transcode"]
    run_jobs(app)
    state, failure, names = video_state(app, video_id)
    assert (state, failure) == ("ready", None)
    assert names == sorted(["original", "poster", *FORMATS])
    return {name: file_bytes(app, video_id, name) for name in [*FORMATS, "poster"]}


def test_each_carrier_gets_its_container_codecs_and_size(made, tmp_path) -> None:
    for name, (brand, video_codec, audio_codec, size) in EXPECTED.items():
        data = made[name]
        assert len(data) <= FORMATS[name].max_bytes
        found = ffprobe(data, tmp_path)
        assert found["format"]["tags"]["major_brand"] == brand, name
        streams = {s["codec_type"]: s for s in found["streams"]}
        assert streams["video"]["codec_name"] == video_codec, name
        assert streams["audio"]["codec_name"] == audio_codec, name
        picture = (streams["video"]["width"], streams["video"]["height"])
        if size is not None:
            assert picture == size, name
            assert Fraction(streams["video"]["avg_frame_rate"]) <= 15, name
        else:
            assert max(picture) <= 480 and picture[0] % 2 == 0 and picture[1] % 2 == 0
        # the whole clip: 3 seconds
        assert float(found["format"]["duration"]) == pytest.approx(3, abs=0.3), name


def test_handset_renditions_have_mono_8khz_amr_or_mono_aac(made, tmp_path) -> None:
    for name in ("imotion", "sbmovie"):
        audio = next(s for s in ffprobe(made[name], tmp_path)["streams"]
                     if s["codec_type"] == "audio")
        assert (audio["sample_rate"], audio["channels"]) == ("8000", 1)
    audio = next(s for s in ffprobe(made["ezmovie"], tmp_path)["streams"]
                 if s["codec_type"] == "audio")
    assert audio["channels"] == 1


def test_the_docomo_file_is_mpeg4_simple_profile(made, tmp_path) -> None:
    video = next(s for s in ffprobe(made["imotion"], tmp_path)["streams"]
                 if s["codec_type"] == "video")
    assert video["profile"] == "Simple Profile"


def test_every_rendition_has_moov_before_mdat_for_streaming(made) -> None:
    for name in FORMATS:
        boxes = top_boxes(made[name])
        assert boxes[0] == "ftyp"
        assert boxes.index("moov") < boxes.index("mdat"), name


def test_the_poster_is_a_baseline_jpeg_of_the_picture(made, tmp_path) -> None:
    poster = made["poster"]
    assert poster.startswith(b"\xff\xd8")
    found = ffprobe(poster, tmp_path)["streams"][0]
    assert (found["width"], found["height"]) == (176, 144)


def test_a_video_without_sound_is_made_without_sound(app, clips, premium_member,
                                                    tmp_path) -> None:
    video_id = add(app, premium_member(), clips["silent"])
    run_jobs(app)
    assert video_state(app, video_id)[0] == "ready"
    for name in FORMATS:
        kinds = [s["codec_type"] for s in ffprobe(file_bytes(app, video_id, name),
                                                  tmp_path)["streams"]]
        assert kinds == ["video"], name


def test_the_bitrate_plan_fits_each_limit_and_cuts_what_cannot_fit() -> None:
    for fmt in FORMATS.values():
        for seconds in (1.0, 10.0, 45.0, 90.0, 180.0):
            plan = transcode.plan(fmt, seconds, True)
            assert fmt.video_kbps_min <= plan.video_kbps <= fmt.video_kbps_max
            estimated = ((plan.video_kbps + fmt.audio_kbps) * 1000 / 8 * plan.seconds
                         + transcode.CONTAINER_BYTES
                         + transcode.CONTAINER_BYTES_A_SECOND * plan.seconds)
            assert estimated <= fmt.max_bytes
            assert plan.shortened == (plan.seconds < seconds)
    # three minutes fit none of the handsets' limits at their lowest bitrate but the PC's
    assert transcode.plan(FORMATS["sbmovie"], 180, True).shortened
    assert transcode.plan(FORMATS["imotion"], 180, True).shortened
    assert not transcode.plan(FORMATS["web"], 180, True).shortened


def test_a_clip_longer_than_a_format_holds_is_cut_to_fit(clips, tmp_path) -> None:
    source = tmp_path / "ten.mp4"
    source.write_bytes(clips["ten_seconds"])
    tools = transcode.Tools()
    probed = transcode.probe(source, tools)
    small = replace(FORMATS["sbmovie"], max_bytes=24 * 1024)  # about 5 seconds' worth
    made = transcode.make_rendition(source, tmp_path, small, probed, tools)
    assert made.shortened and made.seconds < 10
    assert len(made.data) <= small.max_bytes
    duration = float(ffprobe(made.data, tmp_path)["format"]["duration"])
    assert duration == pytest.approx(made.seconds, abs=0.5)
