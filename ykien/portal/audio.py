"""Speech synthesis with the Debian tools: ``espeak-ng -v vi`` writes a WAV; ``opusenc``
(package ``opus-tools``) compresses it to Ogg/Opus when present, otherwise the WAV is kept.
Pure functions over files; the service and the task decide when to call them."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

VOICE = "vi"
WORDS_PER_MINUTE = 160
TIMEOUT = 600  # seconds; a long draft takes a while on a small machine


@dataclass(frozen=True)
class Synthesized:
    path: Path
    mime: str
    duration: float  # seconds


class SynthesisError(RuntimeError):
    pass


def espeak_path() -> str | None:
    """The ``espeak-ng`` binary, or None when it is not installed."""
    return shutil.which("espeak-ng")


def opusenc_path() -> str | None:
    return shutil.which("opusenc")


def synthesize(text: str, target_stem: Path) -> Synthesized:
    """Speak ``text`` in Vietnamese into ``target_stem`` + ``.opus`` (or ``.wav``).

    Raises ``SynthesisError`` when espeak-ng is missing or fails."""
    espeak = espeak_path()
    if espeak is None:
        raise SynthesisError("espeak-ng is not installed")
    target_stem.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ykien-tts-") as tmp:
        wav = Path(tmp) / "speech.wav"
        # The text goes through stdin: no limit on its length, no shell, no option injection.
        result = subprocess.run(
            [espeak, "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(wav), "--stdin"],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
        if result.returncode != 0 or not wav.exists() or wav.stat().st_size <= 44:
            raise SynthesisError(result.stderr.decode("utf-8", "replace")[:500] or "no audio")
        duration = wav_duration(wav)
        opusenc = opusenc_path()
        if opusenc is not None:
            out = target_stem.with_suffix(".opus")
            encoded = subprocess.run(
                [opusenc, "--quiet", "--bitrate", "24", "--speech", str(wav), str(out)],
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
            if encoded.returncode == 0 and out.exists() and out.stat().st_size > 0:
                return Synthesized(out, "audio/ogg", duration)
            with contextlib.suppress(FileNotFoundError):
                out.unlink()
        out = target_stem.with_suffix(".wav")
        shutil.move(str(wav), out)
        return Synthesized(out, "audio/wav", duration)


def wav_duration(path: Path) -> float:
    with wave.open(str(path), "rb") as handle:
        rate = handle.getframerate() or 1
        return round(handle.getnframes() / rate, 2)
