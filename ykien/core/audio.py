"""Spoken versions of public texts (news articles, drafts): the one place every app asks for one.

* ``request(key=…, text=…)`` asks for the spoken version of ``text`` under ``key``
  (``article:12``, ``draft:5``). The work is done in the background by the app that stores the
  tracks (the portal: ``AudioTrack``, its worker task, the player and the file's address), which
  registers itself with ``register_store`` from its ``AppConfig.ready()``; without one, a request
  does nothing. Apps never import the portal to get audio.
* ``synthesize(text, stem)`` turns text into a file with the Debian tools: ``espeak-ng -v vi``
  writes a WAV; ``opusenc`` (package ``opus-tools``) compresses it to Ogg/Opus when present,
  otherwise the WAV is kept. Pure functions over files, no network.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

VOICE = "vi"
WORDS_PER_MINUTE = 160
TIMEOUT = 600  # seconds; a long draft takes a while on a small machine

Store = Callable[[str, str], object]
_store: list[Store] = []


def register_store(store: Store) -> None:
    """``store(key, text)`` keeps the request and has the text spoken in the background (the
    portal's ``audio_request``). One store; registering again replaces it."""
    _store[:] = [store]


def request(*, key: str, text: str) -> None:
    """Ask for the spoken version of ``text`` under ``key``. Nothing happens when the same text
    is already spoken or on its way (the store compares ``text_hash``); call it inside the
    transaction that changed the text: the work starts when it commits."""
    for store in _store:
        store(key, text)


def text_hash(text: str) -> str:
    """What a spoken file is a version of: the text, the voice and the speed."""
    return hashlib.sha256(f"{VOICE}:{WORDS_PER_MINUTE}:{text}".encode()).hexdigest()


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
