"""Extraction through the bundled Stanza models: the same visits, with the tree consulted."""

from __future__ import annotations

import pytest

from nlp.extract import analyse, extract_events
from nlp.linguistic import StanzaAnnotator
from nlp.records import Article


@pytest.fixture(scope="module")
def stanza_annotator() -> StanzaAnnotator:
    from nlp.stanza_pipeline import load_pipeline

    return StanzaAnnotator(load_pipeline())


TEXT = ("SAMARINDA - Komisi I DPRD Kabupaten Berau melakukan kunjungan kerja ke DPRD Kota "
        "Samarinda, Senin (16/6/2025). Rombongan dipimpin Ketua Komisi I DPRD Berau, Rudi "
        "Hartono, dan diterima Wakil Ketua DPRD Kota Samarinda, Siti Aminah.")


def test_stanza_path_finds_the_same_visit_as_the_rules(stanza_annotator: StanzaAnnotator
                                                        ) -> None:
    [event] = extract_events(Article(text=TEXT), stanza_annotator)
    assert (event.visitor.institution, event.host.institution) == (
        "DPRD Kabupaten Berau", "DPRD Kota Samarinda")
    assert event.visitor.unit == "Komisi I"
    assert {(p.name, p.side) for p in event.people} >= {("Rudi Hartono", "visitor"),
                                                         ("Siti Aminah", "host")}


def test_stanza_annotations_reach_the_sentences_that_matter(stanza_annotator: StanzaAnnotator
                                                            ) -> None:
    analysis = analyse(Article(text=TEXT), stanza_annotator)
    parsed = [v for v in analysis.views if v.heads is not None]
    assert parsed, "no sentence was parsed"
    first = parsed[0]
    assert first.lemmas is not None and first.upos is not None and first.ner is not None
    assert len(first.lemmas) == len(first.tokens)
    assert all(-1 <= h < len(first.tokens) for h in first.heads)
    frames = analysis.cache["frames"]
    assert any(f.syntax is not None for f in frames), "the tree was never consulted"
