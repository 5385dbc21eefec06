from __future__ import annotations

import stat
import sys
import textwrap

import pytest
from django.urls import reverse

from ykien.core import audio as tts
from ykien.portal import selectors, services
from ykien.portal.models import AudioStatus, AudioTrack

pytestmark = pytest.mark.django_db

# A stand-in for espeak-ng: reads the text on stdin, writes a WAV of 0.1 s per character to
# the file after -w, and records what it was asked to say.
FAKE_ESPEAK = textwrap.dedent(
    """\
    #!{python}
    import sys, wave
    args = sys.argv[1:]
    out = args[args.index("-w") + 1]
    text = sys.stdin.buffer.read().decode("utf-8")
    assert args[:2] == ["-v", "vi"] and "--stdin" in args
    with open(out + ".said", "w", encoding="utf-8") as said:
        said.write(text)
    with wave.open(out, "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(1000)
        w.writeframes(b"\\x00\\x00" * 100 * len(text))
    """
)


@pytest.fixture
def fake_espeak(tmp_path, monkeypatch):
    path = tmp_path / "espeak-ng"
    path.write_text(FAKE_ESPEAK.format(python=sys.executable))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(tts, "espeak_path", lambda: str(path))
    monkeypatch.setattr(tts, "opusenc_path", lambda: None)
    return path


def test_publishing_makes_the_audio_and_the_page_shows_a_player(
    tree, officer, fake_espeak, client, django_capture_on_commit_callbacks
):
    from ykien.portal.tests.conftest import BODY, published

    with django_capture_on_commit_callbacks(execute=True):
        article = published(officer, tree.prov_new, "Tin có bản nghe", body=BODY)
    track = AudioTrack.objects.get(key=f"article:{article.pk}")
    assert (track.status, track.mime) == (AudioStatus.READY, "audio/wav")
    text = services.article_spoken_text(article)
    assert "##" not in text
    assert text.startswith("Tin có bản nghe.\n\nTóm tắt.")
    assert track.duration == round(len(text) * 0.1, 2)
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<source src="/nghe/article:{article.pk}/" type="audio/wav">' in html
    info = selectors.audio_for(key=article.audio_key)
    assert info.duration_label in html


def test_audio_is_streamed_with_byte_ranges(
    article, fake_espeak, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.audio_request(key=article.audio_key, text="Xin chào")
    url = reverse("portal:audio", args=[article.audio_key])
    whole = client.get(url)
    body = b"".join(whole.streaming_content)
    assert (whole.status_code, whole["Accept-Ranges"], whole["Content-Type"]) == (
        200,
        "bytes",
        "audio/wav",
    )
    part = client.get(url, HTTP_RANGE="bytes=4-11")
    assert (part.status_code, part["Content-Range"], part.content) == (
        206,
        f"bytes 4-11/{len(body)}",
        body[4:12],
    )
    tail = client.get(url, HTTP_RANGE="bytes=-4")
    assert tail.content == body[-4:]
    assert client.get(url, HTTP_RANGE=f"bytes={len(body)}-").status_code == 416


def test_same_text_is_not_spoken_twice_and_a_new_text_replaces_the_file(
    fake_espeak, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as first_tasks:
        services.audio_request(key="draft:7", text="Điều 1. Phạm vi điều chỉnh")
    old_file = settings.MEDIA_ROOT / AudioTrack.objects.get(key="draft:7").file
    assert (len(first_tasks), old_file.exists()) == (1, True)
    with django_capture_on_commit_callbacks(execute=True) as same_text:
        services.audio_request(key="draft:7", text="Điều 1. Phạm vi điều chỉnh")
    assert same_text == []
    with django_capture_on_commit_callbacks(execute=True):
        services.audio_request(key="draft:7", text="Điều 1. Phạm vi điều chỉnh (sửa đổi)")
    track = AudioTrack.objects.get(key="draft:7")
    assert track.status == AudioStatus.READY
    assert not old_file.exists()
    assert (settings.MEDIA_ROOT / track.file).exists()


def test_without_espeak_the_page_says_why_and_shows_no_player(article, client):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<audio" not in html
    assert "máy chủ chưa cài chương trình đọc tiếng Việt espeak-ng" in html
    track = AudioTrack.objects.get(key=article.audio_key)
    assert track.status == AudioStatus.FAILED


def test_retry_after_installing_espeak(article, fake_espeak):
    AudioTrack.objects.filter(key=article.audio_key).update(status=AudioStatus.FAILED)
    assert services.audio_retry_failed() == 1
    assert AudioTrack.objects.get(key=article.audio_key).status == AudioStatus.READY


def test_audio_of_a_withdrawn_article_is_not_served(
    article, officer, fake_espeak, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.audio_request(key=article.audio_key, text="Xin chào")
    services.article_transition(actor=officer, article=article, to="withdrawn")
    assert client.get(reverse("portal:audio", args=[article.audio_key])).status_code == 404


def test_other_apps_ask_for_audio_through_core_and_the_portal_makes_it(
    fake_espeak, django_capture_on_commit_callbacks
):
    """A draft's text (consultations) is asked for through ``core.audio``, never the portal."""
    with django_capture_on_commit_callbacks(execute=True):
        tts.request(key="draft:9", text="Điều 1. Phạm vi điều chỉnh")
    track = AudioTrack.objects.get(key="draft:9")
    assert (track.status, track.text_hash) == (
        AudioStatus.READY,
        tts.text_hash("Điều 1. Phạm vi điều chỉnh"),
    )
    assert selectors.audio_for(key="draft:9").url == reverse("portal:audio", args=["draft:9"])
