"""The bundled Stanza models: loaded by the production constructor, offline, or a clear error.

The pipeline is loaded once for the module; only the ``slow`` test trains anything.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kunker.cli.extraction import choose_annotator
from kunker.config import load_settings
from nlp.errors import ModelMissingError
from nlp.linguistic import RuleAnnotator, default_annotator
from nlp.stanza_pipeline import (
    BUNDLED_DIR,
    ORIGIN_FILE,
    clear_pipeline_cache,
    get_pipeline,
    load_pipeline,
    model_status,
    resolve_model_dir,
)

# Written for these tests; not taken from any article.
VISIT = (
    "Komisi II DPRD Provinsi Lampung melakukan kunjungan kerja ke DPRD Sumatera Selatan "
    "di Palembang, Kamis."
)
TWO_SENTENCES = (
    "Ketua DPRD Kota Malang, Budi Santoso, menerima rombongan dari Kabupaten Sleman. "
    "Mereka membahas anggaran pendidikan untuk tahun depan."
)
UPOS_TAGS = {
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
}
NER_TYPES = {"PERSON", "PLACE", "ORGANISATION"}
BUNDLE_LIMIT_BYTES = 25_000_000
# Held-out floors pinned just under what the shipped models scored (see MODELS.md), so a
# retrain that slides back fails here.
FLOORS = {"tokenize": 97.0, "pos": 85.0, "lemma": 85.0, "depparse": 60.0, "ner": 65.0}


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """The pipeline exactly as production loads it, with no user models configured."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KUNKER_HOME", str(tmp_path_factory.mktemp("home")))
        mp.delenv("KUNKER_STANZA_DIR", raising=False)
        yield load_pipeline(load_settings().stanza_dir)


@pytest.fixture
def no_user_models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("KUNKER_HOME", str(home))
    monkeypatch.delenv("KUNKER_STANZA_DIR", raising=False)
    return home


def test_bundled_pipeline_tags_lemmatises_and_parses_a_visit_sentence(pipeline) -> None:
    doc = pipeline(VISIT)
    assert len(doc.sentences) == 1
    words = doc.sentences[0].words
    texts = [w.text for w in words]
    assert texts[:4] == ["Komisi", "II", "DPRD", "Provinsi"]
    assert texts[-4:] == ["Palembang", ",", "Kamis", "."]
    assert all(w.upos in UPOS_TAGS for w in words)
    assert {w.upos for w in words if w.text in {",", "."}} == {"PUNCT"}
    assert all(w.lemma for w in words)
    assert all(0 <= w.head <= len(words) and w.deprel for w in words)
    assert [w.head for w in words].count(0) == 1


def test_bundled_pipeline_splits_sentences_and_keeps_offsets(pipeline) -> None:
    doc = pipeline(TWO_SENTENCES)
    assert len(doc.sentences) == 2
    for token in doc.iter_tokens():
        assert TWO_SENTENCES[token.start_char:token.end_char] == token.text


def test_bundled_ner_spans_are_typed_and_match_the_text(pipeline) -> None:
    entities = []
    for text in (VISIT, TWO_SENTENCES):
        doc = pipeline(text)
        previous_end = -1
        for ent in doc.ents:
            assert ent.type in NER_TYPES
            assert text[ent.start_char:ent.end_char] == ent.text
            assert ent.start_char >= previous_end  # no overlaps, in order
            previous_end = ent.end_char
        entities.extend(ent.text for ent in doc.ents)
    assert entities, "the bundled NER found no entity in two sentences full of them"


def _configured_dir(explicit: Path | None = None) -> Path:
    """The directory the commands load: ``--dir``, else the settings, else the bundle."""
    return resolve_model_dir(explicit or load_settings().stanza_dir)


def test_bundled_models_are_the_default_without_user_models(no_user_models: Path) -> None:
    assert _configured_dir() == BUNDLED_DIR


def test_downloaded_models_in_kunker_home_win_over_bundled(no_user_models: Path) -> None:
    stanza_dir = no_user_models / "stanza"
    stanza_dir.mkdir()
    (stanza_dir / "resources.json").write_text("{}", encoding="utf-8")
    assert _configured_dir() == stanza_dir


def test_env_and_explicit_dir_win(no_user_models: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KUNKER_STANZA_DIR", str(tmp_path / "env"))
    assert _configured_dir() == tmp_path / "env"
    assert _configured_dir(tmp_path / "explicit") == tmp_path / "explicit"


def test_nlp_reads_no_settings_itself(no_user_models: Path, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KUNKER_STANZA_DIR", str(tmp_path / "env"))
    assert resolve_model_dir() == BUNDLED_DIR


def test_extraction_loads_the_configured_model_dir(
    no_user_models: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    empty = tmp_path / "configured"
    empty.mkdir()
    monkeypatch.setenv("KUNKER_STANZA_DIR", str(empty))
    clear_pipeline_cache()
    default_annotator.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="nlp.stanza_pipeline"):
            annotator = choose_annotator(no_stanza=False)
    finally:
        clear_pipeline_cache()
        default_annotator.cache_clear()
    assert isinstance(annotator, RuleAnnotator)
    assert any(str(empty) in r.getMessage() for r in caplog.records)


def test_empty_model_dir_is_a_one_line_error_naming_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError) as info:
        load_pipeline(tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert "kunker models download" in message
    assert str(tmp_path) in message


def _copy_bundle(target: Path) -> Path:
    shutil.copytree(BUNDLED_DIR, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def test_corrupt_model_file_is_a_one_line_error(tmp_path: Path) -> None:
    broken = _copy_bundle(tmp_path / "models")
    (broken / "id" / "tokenize" / "kunker.pt").write_bytes(b"not a model")
    with pytest.raises(ModelMissingError) as info:
        load_pipeline(broken)
    assert "\n" not in str(info.value)
    assert "cannot be loaded" in str(info.value)


def test_missing_word_vectors_are_reported_before_stanza_loads(tmp_path: Path) -> None:
    broken = _copy_bundle(tmp_path / "models")
    shutil.rmtree(broken / "id" / "pretrain")
    with pytest.raises(ModelMissingError, match="pretrain model missing"):
        load_pipeline(broken)


def test_get_pipeline_without_models_logs_once_and_returns_none(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clear_pipeline_cache()
    try:
        with caplog.at_level(logging.WARNING, logger="nlp.stanza_pipeline"):
            assert get_pipeline(tmp_path) is None
            assert get_pipeline(tmp_path) is None
    finally:
        clear_pipeline_cache()
    records = [r for r in caplog.records if r.name == "nlp.stanza_pipeline"]
    assert len(records) == 1
    assert "rule-based tokenizer" in records[0].getMessage()
    assert "\n" not in records[0].getMessage()


def test_resources_declare_the_word_vectors_pos_depparse_and_ner_need() -> None:
    lang = json.loads((BUNDLED_DIR / "resources.json").read_text(encoding="utf-8"))["id"]
    default = lang["packages"]["default"]
    for processor in ("pos", "depparse", "ner"):
        deps = lang[processor][default[processor]]["dependencies"]
        assert [d["model"] for d in deps] == ["pretrain"]


def test_bundle_is_small_and_scores_meet_the_pinned_floors() -> None:
    rows = model_status(BUNDLED_DIR)
    assert {r.processor for r in rows} == {
        "tokenize", "mwt", "pos", "lemma", "depparse", "ner", "pretrain"
    }
    assert all(r.source == "bundled" and r.size_bytes for r in rows)
    total = sum(p.stat().st_size for p in BUNDLED_DIR.rglob("*") if p.is_file())
    assert total < BUNDLE_LIMIT_BYTES
    scores = {r.processor: r.scores for r in rows}
    for processor, floor in FLOORS.items():
        value = scores[processor].get("all", scores[processor].get("nergrit_test"))
        assert value >= floor, f"{processor} held-out score {value} fell below {floor}"


def _fake_official_download(target: Path) -> None:
    """What ``stanza.download`` leaves behind, with official-looking package names."""
    names = {"tokenize": "gsd", "mwt": "gsd", "pos": "gsd_nocharlm", "lemma": "gsd_nocharlm",
             "depparse": "gsd_nocharlm", "pretrain": "conll17"}
    lang: dict = {"lang_name": "Indonesian", "default_processors": {}}
    for processor, package in names.items():
        source = BUNDLED_DIR / "id" / processor / "kunker.pt"
        (target / "id" / processor).mkdir(parents=True)
        shutil.copyfile(source, target / "id" / processor / f"{package}.pt")
        entry: dict = {}
        if processor in ("pos", "depparse"):
            entry["dependencies"] = [{"model": "pretrain", "package": "conll17"}]
        lang[processor] = {package: entry}
    lang["packages"] = {"default": {p: n for p, n in names.items() if p != "pretrain"}}
    (target / "resources.json").write_text(json.dumps({"id": lang}), encoding="utf-8")


def test_download_keeps_the_bundled_ner_beside_official_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import stanza

    from kunker.cli import main

    monkeypatch.setattr(
        stanza, "download", lambda lang, model_dir, **kw: _fake_official_download(Path(model_dir))
    )
    target = tmp_path / "stanza"
    with pytest.raises(SystemExit) as done:
        main(["models", "download", "--dir", str(target)])
    assert done.value.code == 0
    assert (target / ORIGIN_FILE).is_file()
    sources = {r.processor: r.source for r in model_status(target)}
    assert sources["tokenize"] == "official (downloaded)"
    assert sources["ner"] == "bundled (copied)"
    doc = load_pipeline(target, processors="tokenize,mwt?,pos,ner")(VISIT)
    assert doc.sentences[0].words[0].upos


def test_download_offline_is_one_line_and_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import requests
    import stanza

    from kunker.cli import main

    def offline(*args, **kwargs):
        raise requests.exceptions.ConnectionError("Failed to resolve host\nmore detail")

    monkeypatch.setattr(stanza, "download", offline)
    with pytest.raises(SystemExit) as done:
        main(["models", "download", "--dir", str(tmp_path / "stanza")])
    assert done.value.code != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: could not download")
    assert "Traceback" not in err
    assert not list(tmp_path.iterdir())


def test_models_status_with_a_bad_dir_exits_nonzero_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kunker.cli import main

    with pytest.raises(SystemExit) as done:
        main(["models", "status", "--dir", str(tmp_path)])
    assert done.value.code != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "kunker models download" in err


def test_models_status_json_lists_every_processor(capsys: pytest.CaptureFixture[str]) -> None:
    from kunker.cli import main

    with pytest.raises(SystemExit) as done:
        main(["models", "status", "--json", "--dir", str(BUNDLED_DIR)])
    assert done.value.code == 0
    report = json.loads(capsys.readouterr().out)
    assert {m["processor"] for m in report["models"]} >= {"tokenize", "pos", "ner"}


@pytest.mark.parametrize("command", ["download", "status", "train"])
def test_every_models_command_help_has_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from kunker.cli import main

    with pytest.raises(SystemExit):
        main(["models", command, "--help"])
    assert "Example: kunker models " + command in capsys.readouterr().out


@pytest.mark.slow
def test_tiny_training_run_builds_models_the_production_loader_can_use(tmp_path: Path) -> None:
    from nlp.train.__main__ import main
    from nlp.train.config import DEFAULT_NER_DIR, DEFAULT_UD_DIR

    for data in (DEFAULT_UD_DIR, DEFAULT_NER_DIR):
        if not data.is_dir():
            pytest.skip(f"training data not found at {data} (the checkout's ../shared)")

    out = tmp_path / "models"
    assert main(["--tiny", "--out", str(out), "--work", str(tmp_path / "work")]) == 0
    for name in ("resources.json", "scores.json", "MODELS.md"):
        assert (out / name).is_file()
    doc = load_pipeline(out)(VISIT)
    assert doc.sentences and all(w.upos in UPOS_TAGS for s in doc.sentences for w in s.words)


def test_torch_threads_are_read_by_the_edge(tmp_path: Path) -> None:
    home = str(tmp_path)
    assert load_settings({"KUNKER_HOME": home, "KUNKER_TORCH_THREADS": "1"}).torch_threads == 1
    assert load_settings({"KUNKER_HOME": home, "KUNKER_TORCH_THREADS": "many"}).torch_threads \
        is None
    assert load_settings({"KUNKER_HOME": home}).torch_threads is None
