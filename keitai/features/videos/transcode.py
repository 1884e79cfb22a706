"""Run ffprobe and ffmpeg: read an upload, make each rendition within its size, cut a poster.

Every run is a list of arguments (no shell) with a timeout. Only the demuxers in DEMUXERS may
read an upload, so a playlist or a concat file cannot make ffmpeg open other files or the
network. What the upload is, how long and how large, is read with ffprobe before anything is
made.

Two kinds of failure: Unplayable, which no retry mends (not a video, no picture, too long,
ffmpeg refuses the data), with a short reason for the member; Interrupted (the run was
killed, timed out, or ffmpeg could not be started), which the job queue tries again.

Each rendition's bitrate comes from the length: the most bits its size allows, at most the
format's ceiling. Below the format's floor, the length is cut to what fits instead (the page
says so). A file that still comes out too large is made again at a bitrate scaled down by
how much it overshot.
"""
from __future__ import annotations

import json
import math
import subprocess
from dataclasses import dataclass
from pathlib import Path

from carriers.video import VideoFormat

#: demuxers allowed to read an upload: MP4/3GPP/3GPP2/QuickTime, AVI, Matroska/WebM, ASF
#: (WMV), MPEG PS/TS, FLV, Ogg
DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,avi,matroska,webm,asf,mpeg,mpegts,flv,ogg"
#: an upload with more pixels a frame than this is refused (4K UHD)
MAX_PIXELS = 3840 * 2160
#: bytes a file's container takes besides the streams: a fixed part, and per second (the
#: sample tables of about 15 frames and 50 AMR frames a second)
CONTAINER_BYTES = 4096
CONTAINER_BYTES_A_SECOND = 500
#: the share of a size limit the streams aim at (rate control is not exact)
AIM = 0.9
#: times a rendition is made again when it comes out too large
REMAKES = 2
#: the shortest rendition worth making, in seconds
SHORTEST = 1.0

NOT_A_VIDEO = "動画として読めませんでした。ファイルが壊れているか、対応していない形式です。"
NO_PICTURE = "映像が入っていないため、動画にできませんでした。"
TOO_BIG_PICTURE = "動画の画面サイズが大きすぎます。"
CANNOT_CONVERT = "この動画は変換できませんでした。ファイルが壊れているか、対応していない形式です。"


class Unplayable(Exception):
    """The upload can never be made into a video; str() is the reason the member reads."""


class Interrupted(Exception):
    """A run of ffmpeg or ffprobe was cut short; trying again may succeed."""


@dataclass(frozen=True)
class Tools:
    """The programs and the most seconds one run may take."""

    ffmpeg: str = "ffmpeg"
    ffprobe: str = "ffprobe"
    timeout: float = 300.0


@dataclass(frozen=True)
class Probe:
    """What ffprobe read of an upload."""

    duration: float
    width: int
    height: int
    has_audio: bool


@dataclass(frozen=True)
class Plan:
    """How one rendition is made: its video bitrate and how many seconds it keeps."""

    video_kbps: int
    seconds: float
    shortened: bool


@dataclass(frozen=True)
class Made:
    """A rendition as made."""

    data: bytes
    seconds: float
    shortened: bool


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run a program; raise Interrupted when it cannot start, is killed or times out."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise Interrupted(f"{args[0]} took more than {timeout:.0f} s") from None
    except OSError as error:
        raise Interrupted(f"{args[0]} could not be started: {error}") from None
    if done.returncode < 0:
        raise Interrupted(f"{args[0]} was killed by signal {-done.returncode}")
    return done


def probe(path: Path, tools: Tools) -> Probe:
    """Read an upload's length, picture size and streams; raise Unplayable for no video."""
    done = _run([tools.ffprobe, "-v", "error", "-format_whitelist", DEMUXERS,
                 "-show_entries", "format=duration:stream=codec_type,width,height,duration",
                 "-of", "json", str(path)], tools.timeout)
    if done.returncode != 0:
        raise Unplayable(NOT_A_VIDEO)
    try:
        found = json.loads(done.stdout or b"{}")
    except ValueError:
        raise Unplayable(NOT_A_VIDEO) from None
    streams = found.get("streams") or []
    video = next((s for s in streams if s.get("codec_type") == "video"), None)
    if video is None:
        raise Unplayable(NO_PICTURE)
    if not (video.get("width") and video.get("height")):  # a stream ffmpeg cannot decode
        raise Unplayable(CANNOT_CONVERT)
    duration = _seconds((found.get("format") or {}).get("duration")) or _seconds(
        video.get("duration"))
    if duration is None or duration <= 0:
        raise Unplayable(NOT_A_VIDEO)
    width, height = int(video["width"]), int(video["height"])
    if width * height > MAX_PIXELS:
        raise Unplayable(TOO_BIG_PICTURE)
    return Probe(duration, width, height,
                 any(s.get("codec_type") == "audio" for s in streams))


def _seconds(value: object) -> float | None:
    try:
        seconds = float(str(value))
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) else None


def plan(fmt: VideoFormat, duration: float, has_audio: bool, scale: float = 1.0) -> Plan:
    """Return the bitrate and length that keep a rendition within its format's size."""
    audio = fmt.audio_kbps if has_audio else 0.0

    def room(seconds: float) -> float:  # kbps the streams may take over that many seconds
        usable = fmt.max_bytes * AIM * scale - CONTAINER_BYTES - CONTAINER_BYTES_A_SECOND * seconds
        return usable * 8 / 1000 / seconds

    fits = room(duration) - audio
    if fits >= fmt.video_kbps_min:
        return Plan(int(min(fmt.video_kbps_max, fits)), duration, False)
    # cut: the longest length at the floor bitrate (room() falls as seconds grow)
    per_second = (fmt.video_kbps_min + audio) * 1000 / 8 + CONTAINER_BYTES_A_SECOND
    seconds = (fmt.max_bytes * AIM * scale - CONTAINER_BYTES) / per_second
    return Plan(fmt.video_kbps_min, max(SHORTEST, math.floor(seconds)), True)


def _picture_filter(fmt: VideoFormat) -> str:
    """Return the filter that fits the picture to the format and sets its frame rate."""
    if fmt.fixed_size:  # letterboxed into the carrier's size, square pixels
        size = (f"scale={fmt.width}:{fmt.height}:force_original_aspect_ratio=decrease,"
                f"pad={fmt.width}:{fmt.height}:(ow-iw)/2:(oh-ih)/2,setsar=1")
    else:  # at most width x height, never enlarged, even sides
        size = (f"scale='min({fmt.width},iw)':'min({fmt.height},ih)'"
                ":force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1")
    return f"{size},fps={fmt.fps}"


def encode_args(source: Path, target: Path, fmt: VideoFormat, the_plan: Plan,
                has_audio: bool, tools: Tools) -> list[str]:
    """Return the ffmpeg arguments that make one rendition."""
    kbps = the_plan.video_kbps
    args = [tools.ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-format_whitelist", DEMUXERS, "-i", str(source),
            "-map", "0:v:0", "-t", f"{the_plan.seconds:.3f}", "-vf", _picture_filter(fmt),
            "-c:v", fmt.video_codec, *fmt.video_options,
            "-b:v", f"{kbps}k", "-maxrate", f"{kbps}k", "-bufsize", f"{kbps * 2}k"]
    if has_audio:
        args += ["-map", "0:a:0", "-c:a", fmt.audio_codec, *fmt.audio_options,
                 "-b:a", f"{fmt.audio_kbps}k"]
    args += ["-map_metadata", "-1", "-movflags", "+faststart"]
    if fmt.brand:
        args += ["-brand", fmt.brand]
    return [*args, "-f", fmt.muxer, str(target)]


def make_rendition(source: Path, workdir: Path, fmt: VideoFormat, probed: Probe,
                   tools: Tools) -> Made:
    """Make one rendition within its format's size; raise Unplayable when ffmpeg refuses."""
    target = workdir / f"{fmt.name}.{fmt.extension}"
    scale = 1.0
    for _attempt in range(REMAKES + 1):
        the_plan = plan(fmt, probed.duration, probed.has_audio, scale)
        done = _run(encode_args(source, target, fmt, the_plan, probed.has_audio, tools),
                    tools.timeout)
        if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            raise Unplayable(CANNOT_CONVERT)
        size = target.stat().st_size
        if size <= fmt.max_bytes:
            return Made(target.read_bytes(), the_plan.seconds, the_plan.shortened)
        scale *= fmt.max_bytes / size * AIM
    raise Unplayable(CANNOT_CONVERT)


def poster_frame(source: Path, workdir: Path, probed: Probe, tools: Tools) -> bytes:
    """Return a JPEG of a frame near the start (a second in, or a third of a short video)."""
    target = workdir / "poster.jpg"
    at = min(1.0, probed.duration / 3)
    done = _run([tools.ffmpeg, "-hide_banner", "-nostdin", "-v", "error", "-y",
                 "-format_whitelist", DEMUXERS, "-ss", f"{at:.3f}", "-i", str(source),
                 "-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(640,iw)':-2,setsar=1",
                 "-c:v", "mjpeg", "-q:v", "3", "-f", "image2", str(target)], tools.timeout)
    if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        raise Unplayable(CANNOT_CONVERT)
    return target.read_bytes()
