"""Which visits the extractor can propose at all: the bodies its recognisers name (foreign
bodies, missions, groups, facilities written in lowercase, regions named by their seat) and
the (visitor, host) pairs the candidate rules allow. Sentences are written for these tests;
the learned decision is not asserted here."""

from __future__ import annotations

from nlp.candidates import find_candidates
from nlp.extract import analyse
from nlp.institutions import find_mentions
from nlp.linguistic import RuleAnnotator
from nlp.records import Article
from nlp.segment import split_sentences

RULES = RuleAnnotator()


def organisations(sentence: str) -> list[str]:
    return [m.name for m in find_mentions(sentence) if m.kind == "organisation" and m.name]


def candidate_pairs(text: str) -> set[tuple[str | None, str | None]]:
    analysis = analyse(Article(text=text), RULES)
    return {(c.visitor.side.institution,
             c.host.side.institution or (c.host.side.region.full_name
                                         if c.host.side.region else None))
            for c in find_candidates(analysis)}


def test_an_envoy_stands_for_the_mission_named_with_its_seat():
    text = ("Konsul Jenderal Jepang di Surabaya melakukan kunjungan ke DPRD Jawa Timur, "
            "Senin (3/3/2025). Rombongan diterima Ketua DPRD Jawa Timur.")
    assert "Konsulat Jenderal Jepang di Surabaya" in organisations(text.split(",")[0])
    assert ("Konsulat Jenderal Jepang di Surabaya",
            "DPRD Provinsi Jawa Timur") in candidate_pairs(text)


def test_a_country_s_parliament_government_and_embassy_are_three_hosts():
    text = ("Komisi I DPR RI melakukan kunjungan kerja ke Jerman. Di sana rombongan bertemu "
            "parlemen dan pemerintah Jerman serta KBRI di Jerman.")
    hosts = {host for visitor, host in candidate_pairs(text) if visitor == "DPR RI"}
    assert {"Parlemen Jerman", "Pemerintah Jerman", "KBRI di Jerman"} <= hosts


def test_a_dateline_glued_by_a_hyphen_leaves_the_first_word_its_own():
    found = find_mentions("SURABAYA-Komisi A DPRD Jawa Timur meninjau pasar.")
    legislature = next(m for m in found if m.kind == "legislature")
    assert legislature.text == "Komisi A DPRD Jawa Timur"


def test_a_name_in_camel_case_is_not_cut_into_two_sentences():
    sentences = split_sentences("Komisi B meninjau PT SariTex di Cimahi.")
    assert len(sentences) == 1
    assert "PT SariTex" in organisations(sentences[0].text)


def test_a_group_or_facility_written_in_lowercase_is_named_with_its_head():
    assert organisations("Ketua DPRD menerima aliansi Petani Maju Sejahtera.") == [
        "Aliansi Petani Maju Sejahtera"]
    assert organisations("Komisi III meninjau lembaga pemasyarakatan Kota Padang.") == [
        "Lembaga Pemasyarakatan Kota Padang"]
    assert organisations("Ia menyebut lembaga pemasyarakatan sudah penuh.") == []


def test_a_union_received_by_its_own_province_s_council_is_a_candidate():
    text = ("Serikat Pekerja Sejahtera Jawa Tengah diterima Komisi E DPRD Jawa Tengah "
            "di Semarang, Selasa (4/3/2025), untuk audiensi soal upah.")
    pairs = candidate_pairs(text)
    assert ("Serikat Pekerja Sejahtera Jawa Tengah", "DPRD Provinsi Jawa Tengah") in pairs


def test_a_regent_at_his_own_council_is_still_no_candidate():
    text = "Bupati Sleman menyampaikan rancangan APBD di DPRD Sleman, Senin (3/3/2025)."
    assert ("Pemerintah Kabupaten Sleman", "DPRD Kabupaten Sleman") not in candidate_pairs(text)


def test_the_local_council_and_government_are_those_of_the_places_named():
    text = ("Komisi B DPRD Kabupaten Kendal berkunjung ke DPRD kota setempat "
            "yakni Tegal dan Pekalongan. Sebelumnya rombongan bertemu pemerintah setempat "
            "di Kabupaten Batang.")
    pairs = candidate_pairs(text)
    assert ("DPRD Kabupaten Kendal", "DPRD Kota Tegal") in pairs
    assert ("DPRD Kabupaten Kendal", "DPRD Kota Pekalongan") in pairs
    assert ("DPRD Kabupaten Kendal", "Pemerintah Kabupaten Batang") in pairs


def test_a_regency_written_by_its_seat_town_is_that_regency():
    found = find_mentions("Pimpinan DPRD Sangatta menerima rombongan dari Kabupaten Sangatta.")
    assert [r.full_name for m in found for r in m.candidates] == [
        "Kabupaten Kutai Timur", "Kabupaten Kutai Timur"]


def test_a_company_named_by_a_known_body_and_a_town_is_that_body():
    found = find_mentions("Komisi II mendatangi PT PLN Manokwari.")
    company = next(m for m in found if m.kind == "organisation")
    assert company.name == "PT PLN"
    assert [r.full_name for r in company.candidates] == ["Kabupaten Manokwari"]


def test_a_sentence_cut_inside_a_foreign_name_raises_nothing():
    for cut in ("Mereka bertemu parlemen dan", "Delegasi ke KBRI di", "Konsul Jenderal",
                "Kunjungan ke Reserve Bank of", "bertemu pemerintah setempat"):
        assert all(m.kind != "organisation" or m.name for m in find_mentions(cut))


def test_a_foreign_party_is_a_body_and_an_indonesian_one_is_not() -> None:
    found = [(m.kind, m.name or m.text) for m in find_mentions(
        "Delegasi Partai Buruh Selandia Baru diterima Ketua DPR RI, sementara kader Partai "
        "Solidaritas Indonesia dan Partai Demokrat menunggu di luar.")]
    assert ("organisation", "Partai Buruh Selandia Baru") in found
    assert not any("Solidaritas" in name or "Demokrat" in name for _, name in found)


def test_an_organisation_named_only_in_the_headline_is_no_candidate():
    # a headline capitalises every word: "Pabrik Semen" there is no name
    article = Article(text="Komisi B DPRD Kabupaten Tuban meninjau pabrik PT Semen Nusa di "
                           "Kecamatan Kerek, Kamis (6/3/2025).",
                      title="Dewan Tinjau Pabrik Semen")
    hosts = {c.host.side.institution for c in find_candidates(analyse(article, RULES))}
    assert "PT Semen Nusa" in hosts
    assert "Pabrik Semen" not in hosts


def test_a_foreign_national_assembly_or_senate_is_a_body():
    assert organisations("Ketua DPR menerima delegasi Majelis Nasional Vietnam.") == [
        "Majelis Nasional Vietnam"]
    assert organisations("Komisi I bertemu Senat Filipina di Manila.") == ["Senat Filipina"]


def host_regions(text: str) -> dict[str, str | None]:
    analysis = analyse(Article(text=text), RULES)
    return {c.host.side.institution: (c.host.side.region.full_name
                                      if c.host.side.region else None)
            for c in find_candidates(analysis) if c.host.side.institution}


def test_a_facility_stands_where_the_text_says_not_in_a_region_its_name_recalls():
    regions = host_regions("Komisi IV DPR RI meninjau Waduk Sungai Kampar di Kabupaten "
                           "Merangin, Kamis (6/3/2025).")
    assert regions["Waduk Sungai Kampar"] == "Kabupaten Merangin"
    # a district it is said to stand in gives its regency
    regions = host_regions("Komisi V DPR RI meninjau Bandara Internasional Makassar di "
                           "Kecamatan Mandai, Kamis (6/3/2025).")
    assert regions["Bandara Internasional Makassar"] == "Kabupaten Maros"
    # a place that contains the named region leaves the name's region
    regions = host_regions("Komisi D DPRD Jawa Timur meninjau RSUD Kota Malang di Jawa "
                           "Timur, Kamis (6/3/2025).")
    assert regions["RSUD Kota Malang"] == "Kota Malang"
