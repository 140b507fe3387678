"""Bad input to `kunker extract FILE.jsonl` (issue 12): a broken line is reported with its
number and every other line is still extracted and written; odd but valid text (empty,
English, Javanese, Arabic script, zero-width spaces, NBSP, smart quotes, binary, megabytes)
gives records, not a crash. Also: a page's text does not depend on the pages parsed before."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from kunker.cli import main
from nlp.extract import MAX_TEXT_CHARS, chars_read

pytestmark = pytest.mark.reliability

VISIT = ("Komisi II DPRD Provinsi Lampung melakukan kunjungan kerja ke DPRD Provinsi "
         "Sumatera Selatan di Palembang, Kamis (18/9/2025), membahas pelatihan tenaga kerja.")
GOOD = {"id": "baik", "title": "Kunjungan kerja", "url": "https://a.example.id/1", "text": VISIT}


def run_extract(tmp_path: Path, lines: list[bytes], monkeypatch: pytest.MonkeyPatch,
                capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]], str]:
    """Exit code, the records written, stderr."""
    monkeypatch.setenv("KUNKER_HOME", str(tmp_path / "home"))
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(source), "-o", str(output), "--no-stanza"])
    err = capsys.readouterr().err
    written = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    return int(exited.value.code or 0), written, err


def good(n: int) -> bytes:
    return json.dumps({**GOOD, "id": f"baik-{n}"}).encode()


def test_broken_lines_are_named_by_number_and_every_good_line_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = [
        b'{"text": "tanpa akhir',  # cut JSON
        json.dumps({**GOOD, "title": 12}).encode(),  # title not a string
        json.dumps({**GOOD, "url": ["https://a.example.id"]}).encode(),  # url not a string
        b"[" * 100_000 + b"]" * 100_000,  # nested past the recursion limit
        b'{"text": ' + b'{"a": ' * 5000 + b"1" + b"}" * 5001,  # nested object
        b"\x00\xff\xfe binary \x89PNG",
        b'["not", "an", "object"]',
        b'{"title": "no text"}',
    ]
    lines = [good(0)]
    for n, line in enumerate(broken, start=1):
        lines += [line, good(n)]
    code, written, err = run_extract(tmp_path, lines, monkeypatch, capsys)
    assert code == 1
    assert [r["id"] for r in written] == [f"baik-{n}" for n in range(len(broken) + 1)]
    assert all(r["events"] for r in written)  # each good line extracted, not just copied
    skipped = [line for line in err.splitlines() if line.startswith("skipped")]
    assert [line.split(": line ")[1].split(":")[0] for line in skipped] == [
        str(2 * n) for n in range(1, len(broken) + 1)]
    assert "Traceback" not in err
    assert err.splitlines()[-1] == (f"error: {len(broken)} line(s) skipped (each named above); "
                                    f"{len(broken) + 1} article(s) written")


def test_a_lone_surrogate_is_written_escaped_and_loses_no_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lone = b'{"id": "sendiri", "title": "x \\ud800 y", "text": "' + VISIT.encode() + b' \\udfff"}'
    code, written, err = run_extract(tmp_path, [good(0), lone, good(1)], monkeypatch, capsys)
    assert code == 0, err
    assert [r["id"] for r in written] == ["baik-0", "sendiri", "baik-1"]
    assert written[1]["title"] == "x \ud800 y"  # kept as written, as a JSON escape
    assert written[1]["events"]


ODD_TEXTS = {
    "empty": "",
    "spaces": " \n\t ",
    "english": "The parliament's committee visited the regional assembly on Monday.",
    "javanese": "Para anggota dewan tindak dhateng kantor bupati badhe rembugan bab dalan.",
    "arabic": "زار وفد من البرلمان المجلس الإقليمي يوم الاثنين " + VISIT,
    "zero_width": VISIT.replace(" ", " \u200b").replace("DPRD", "DP\u200dRD\ufeff"),
    "nbsp": VISIT.replace(" ", "\u00a0"),
    "smart_quotes": "“Kunjungan ini penting,” kata Ketua DPRD Kota Padang ‘Budi’. " + VISIT,
    "control_chars": VISIT + "\x00\x07\x1b[31m\u202e\ufffd",
    "replacement": "\ufffd" * 500,
    "combining": VISIT.replace("a", "a\u0301\u0301\u0301"),
}


def test_odd_texts_give_records_not_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps({"id": name, "text": text}).encode() for name, text in ODD_TEXTS.items()]
    lines.append(b'{"id": "latin1", "text": "DPRD Kota Padang \xe9\xe8 kunjungan"}')  # not UTF-8
    code, written, err = run_extract(tmp_path, lines, monkeypatch, capsys)
    assert code == 0, err
    assert [r["id"] for r in written] == [*ODD_TEXTS, "latin1"]
    for record in written:
        assert isinstance(record["events"], list)
        for event in record["events"]:
            for evidence in event["evidence"]:
                assert 0 <= evidence["start"] < evidence["end"] <= len(record["text"])
    by_id = {r["id"]: r for r in written}
    assert by_id["nbsp"]["events"] and by_id["smart_quotes"]["events"]
    assert by_id["empty"]["events"] == [] and by_id["english"]["events"] == []


def test_megabytes_of_visit_text_are_read_up_to_the_cap_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    huge = (VISIT + "\n\n") * (5_000_000 // len(VISIT))  # 5 MB, a visit in every paragraph
    lines = [json.dumps({"id": "besar", "text": huge}).encode(), good(0)]
    code, written, err = run_extract(tmp_path, lines, monkeypatch, capsys)
    assert code == 0, err
    assert [r["id"] for r in written] == ["besar", "baik-0"]
    # the warning kunker prints on stderr (a terminal); pytest's log capture holds it here
    read = chars_read(huge)
    assert f"article besar: read the first {read} of {len(huge)} characters" in caplog.text
    assert max(e["end"] for ev in written[0]["events"] for e in ev["evidence"]) <= MAX_TEXT_CHARS


PARAGRAPHS = "".join(
    f"<p>Paragraf {i}: rombongan Komisi {i} DPRD Kota Padang meninjau pasar dan berdialog "
    "dengan pedagang tentang retribusi serta kebersihan lingkungan.</p>" for i in range(8))


def test_the_same_page_parsed_again_gives_the_same_text() -> None:
    from crawler.extract.text import body_from_trafilatura

    html = (f"<html><head><title>Judul</title></head><body><nav>menu</nav><article>"
            f"<h1>Judul</h1>{PARAGRAPHS}</article><footer>kaki</footer></body></html>")
    texts = {"\n".join(body_from_trafilatura(lxml.html.fromstring(html), [], "Judul"))
             for _ in range(5)}
    assert len(texts) == 1 and len(next(iter(texts))) > 800
