"""Extraction behaviour on short articles written for these tests (rules only, no model)."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.extract import extract_events, rule_events
from nlp.linguistic import RuleAnnotator
from nlp.records import Article, Event

RULES = RuleAnnotator()


def extract(text: str, published: date | None = None, title: str | None = None) -> list[Event]:
    return extract_events(Article(text=text, title=title, published=published), RULES)


def rules(text: str) -> list[Event]:
    """The word-order rules' reading of a one-sentence report: who is the visitor and who
    the host, as the learned decision then reads it among its features (such a short text
    gives the model too little to be sure of)."""
    return rule_events(Article(text), RULES)


def pairs(events: list[Event]) -> set[tuple[str | None, str | None]]:
    return {(e.visitor.institution, e.host.institution or e.host.region) for e in events}


def only(events: list[Event]) -> Event:
    assert len(events) == 1, [e.to_dict() for e in events]
    return events[0]


# -- direction ------------------------------------------------------------------------------

def test_visitor_travels_to_the_body_after_ke() -> None:
    event = only(extract(
        "MATARAM - Komisi III DPRD Provinsi Jambi melakukan kunjungan kerja ke DPRD "
        "Provinsi Nusa Tenggara Barat, Selasa (3/6/2025), untuk membahas pengelolaan "
        "retribusi daerah."))
    assert event.visitor.institution == "DPRD Provinsi Jambi"
    assert event.visitor.unit == "Komisi III"
    assert event.host.institution == "DPRD Provinsi Nusa Tenggara Barat"
    assert event.host.region == "Provinsi Nusa Tenggara Barat"


def test_host_is_subject_of_menerima() -> None:
    event = only(rules(
        "DPRD Kota Balikpapan menerima kunjungan kerja Badan Anggaran DPRD Kabupaten "
        "Kutai Kartanegara di ruang rapat gabungan, Rabu (11/6/2025)."))
    assert event.visitor.institution == "DPRD Kabupaten Kutai Kartanegara"
    assert event.visitor.unit == "Badan Anggaran"
    assert event.host.institution == "DPRD Kota Balikpapan"


def test_agent_of_diterima_is_the_host() -> None:
    event = only(rules(
        "Rombongan Pansus II DPRD Kabupaten Sleman diterima Sekretaris DPRD Kota Surabaya, "
        "Budi Santoso, di Gedung DPRD Surabaya."))
    assert event.visitor.institution == "DPRD Kabupaten Sleman"
    assert event.host.institution == "DPRD Kota Surabaya"
    assert event.host.unit == "Sekretariat"


def test_subject_of_dikunjungi_is_the_host() -> None:
    event = only(rules(
        "Kantor Gubernur Bali dikunjungi Komisi V DPRD Provinsi Lampung yang ingin "
        "mempelajari pengelolaan pariwisata berbasis desa adat."))
    assert event.visitor.institution == "DPRD Provinsi Lampung"
    assert event.host.institution is not None


def test_noun_kunjungan_names_the_visitor_after_it() -> None:
    events = extract(
        "Kunjungan Komisi D DPRD Kabupaten Malang ke DPRD Kota Batu berlangsung hangat. "
        "Mereka membahas penanganan sampah.")
    assert pairs(events) == {("DPRD Kabupaten Malang", "DPRD Kota Batu")}


def test_each_commission_and_destination_is_its_own_event() -> None:
    events = extract(
        "SAMARINDA - Komisi I DPRD Kabupaten Berau melakukan kunjungan kerja ke DPRD Kota "
        "Samarinda. Sementara itu, Komisi II DPRD Berau melakukan kunjungan kerja ke "
        "DPRD Provinsi Bali untuk mempelajari pengelolaan pariwisata.")
    assert pairs(events) == {
        ("DPRD Kabupaten Berau", "DPRD Kota Samarinda"),
        ("DPRD Kabupaten Berau", "DPRD Provinsi Bali"),
    }
    units = {e.host.institution: e.visitor.unit for e in events}
    assert units == {"DPRD Kota Samarinda": "Komisi I", "DPRD Provinsi Bali": "Komisi II"}


@pytest.mark.parametrize("text", [
    "Komisi I DPRD Kabupaten Wonogiri mengunjungi beberapa daerah di NTB seperti Mataram, "
    "Sumbawa dan Dompu.",
    "Komisi I DPRD Kabupaten Wonogiri melakukan kunjungan kerja ke sejumlah daerah antara lain "
    "Mataram, Sumbawa dan Dompu.",
])
def test_each_place_of_an_enumerated_destination_is_visited(text: str) -> None:
    assert {"Kota Mataram", "Kabupaten Sumbawa", "Kabupaten Dompu"} <= {
        host for _, host in pairs(rules(text))}


def test_an_organ_written_before_ke_in_a_list_of_trips_visits_what_follows() -> None:
    events = rules(
        "Anggota DPRD Kabupaten Sidoarjo melakukan kunjungan kerja pekan ini. Komisi A ke "
        "Kota Bogor, Komisi C ke Kota Bekasi dan Komisi D ke Balai Wilayah Sungai Bengawan "
        "Solo.")
    assert pairs(events) == {("DPRD Kabupaten Sidoarjo", "Kota Bogor"),
                             ("DPRD Kabupaten Sidoarjo", "Kota Bekasi"),
                             ("DPRD Kabupaten Sidoarjo", "Balai Wilayah Sungai Bengawan Solo")}
    assert {e.visitor.unit for e in events} == {"Komisi A", "Komisi C", "Komisi D"}
    # without a visit told before, "Komisi A ke ..." is no visit of its own
    assert rules("Komisi A DPRD Kabupaten Sidoarjo ke Kota Bogor.") == []


def test_lanjut_is_a_next_stop_only_with_a_direction_not_as_a_speech_tag() -> None:
    visit = ("Komisi III DPRD Kabupaten Jember melakukan kunjungan kerja ke DPRD Kota Malang. ")
    assert ("DPRD Kabupaten Jember", "Kota Batu") in pairs(rules(
        visit + "Rombongan kemudian berlanjut ke Kota Batu."))
    assert pairs(rules(visit + "Ekspor kopi ke Jepang, lanjut dia, akan naik tahun depan.")
                 ) == {("DPRD Kabupaten Jember", "DPRD Kota Malang")}


def test_setting_off_and_monitoring_tell_a_trip_to_their_place() -> None:
    visit = ("Komisi III DPRD Kabupaten Jember melakukan kunjungan kerja ke DPRD Kota Malang. ")
    assert ("DPRD Kabupaten Jember", "Kota Batu") in pairs(rules(
        visit + "Setelah itu rombongan berangkat ke Kota Batu."))
    # setting off, before the article tells of any visit, is no trip of the legislature
    assert ("DPRD Kabupaten Jember", "Kota Batu") not in pairs(rules(
        "Ketua partai itu berangkat ke Kota Batu pekan lalu. " + visit))
    assert ("DPRD Kabupaten Jember", "Kota Batu") in pairs(rules(
        visit + "Rombongan juga memantau pembangunan pasar di Kota Batu."))
    assert ("DPRD Kabupaten Jember", "Kota Batu") in pairs(rules(
        visit + "Rombongan juga melakukan monitoring di Kota Batu."))
    # "mengangkat" (to appoint) is not setting off
    assert pairs(rules(visit + "Wali Kota Batu mengangkat pejabat baru.")) == {
        ("DPRD Kabupaten Jember", "DPRD Kota Malang")}


@pytest.mark.parametrize("sentence", [
    "Komisi IV DPR RI menginspeksi gudang beras di Kabupaten Jombang, Jumat (2/5/2025).",
    "Anggota Komisi IV DPR RI turun ke Kabupaten Jombang, Jumat (2/5/2025).",
    "Komisi IV DPR RI melaksanakan perjalanan dinas ke Kabupaten Jombang, Jumat (2/5/2025).",
    "Komisi IV DPR RI melakukan kuker ke Kabupaten Jombang, Jumat (2/5/2025).",
])
def test_an_inspection_a_field_trip_an_official_journey_or_a_misspelt_kunker_is_a_visit(
        sentence: str) -> None:
    assert pairs(rules(sentence)) == {("DPR RI", "Kabupaten Jombang")}


def test_falling_prices_are_no_field_trip() -> None:
    assert rules("Menurut Komisi IV DPR RI, harga gabah di Kabupaten Jombang turun tajam.") == []


def test_arriving_at_an_office_in_a_visit_report_makes_its_body_a_host() -> None:
    found = pairs(rules(
        "Komisi IV DPR RI melakukan kunjungan kerja ke Sulawesi Utara. Rombongan tiba di "
        "Kantor Gubernur Sulawesi Utara pada siang hari."))
    assert ("DPR RI", "Pemerintah Provinsi Sulawesi Utara") in found
    # with no visit told, arriving somewhere is no visit
    assert rules("Anggota DPR RI itu tiba di Kantor Gubernur Sulawesi Utara pada siang hari.") \
        == []


def test_a_studi_banding_with_a_body_visits_it_unless_a_ke_names_the_destination() -> None:
    assert pairs(rules(
        "Komisi A DPRD Kabupaten Garut melaksanakan studi banding dengan DPRD Kabupaten Sleman "
        "tentang pengelolaan sampah.")) == {("DPRD Kabupaten Garut", "DPRD Kabupaten Sleman")}
    assert pairs(rules(
        "Komisi A DPRD Kabupaten Garut melaksanakan studi banding bersama Bupati Garut ke DPRD "
        "Kabupaten Sleman.")) == {("DPRD Kabupaten Garut", "DPRD Kabupaten Sleman")}
    assert pairs(rules(
        "Komisi A DPRD Kabupaten Garut melakukan konsultasi dengan Kementerian Dalam Negeri di "
        "Jakarta.")) == {("DPRD Kabupaten Garut", "Kementerian Dalam Negeri")}


def test_every_visiting_body_of_a_joint_visit_gets_an_event() -> None:
    events = extract(
        "Anggota DPRD Kota Kediri, Kabupaten Gresik dan Kabupaten Lamongan melakukan "
        "kunjungan kerja ke DPRD Provinsi Jawa Timur di Surabaya, Senin (2/6/2025). Rombongan "
        "diterima Wakil Ketua DPRD Provinsi Jawa Timur di ruang rapat paripurna. Kunjungan "
        "itu membahas penyusunan peraturan daerah tentang pengelolaan sampah.")
    assert pairs(events) == {
        ("DPRD Kota Kediri", "DPRD Provinsi Jawa Timur"),
        ("DPRD Kabupaten Gresik", "DPRD Provinsi Jawa Timur"),
        ("DPRD Kabupaten Lamongan", "DPRD Provinsi Jawa Timur"),
    }


def test_governor_receiving_a_commission_makes_the_provincial_government_host() -> None:
    event = only(extract(
        "Komisi IV DPR RI melakukan kunjungan kerja spesifik ke Provinsi Sulawesi Selatan. "
        "Rombongan diterima Gubernur Sulawesi Selatan di Makassar, Kamis (12/6/2025). "
        # a report of the usual length: the model reads how often each side is named
        "Pertemuan membahas ketahanan pangan dan irigasi. Gubernur memaparkan capaian "
        "produksi padi tahun ini. Komisi IV DPR RI berjanji membawa usulan itu ke pusat."))
    assert event.visitor.institution == "DPR RI"
    assert event.visitor.unit == "Komisi IV"
    assert event.host.institution == "Pemerintah Provinsi Sulawesi Selatan"
    assert event.location == "Makassar"


def test_organ_without_its_body_belongs_to_the_articles_legislature() -> None:
    events = extract(
        "Komisi C DPRD Kabupaten Klaten membagi diri dalam dua rombongan. Komisi C melakukan "
        "kunjungan kerja ke Kabupaten Bantul untuk membahas irigasi pertanian.")
    assert pairs(events) == {("DPRD Kabupaten Klaten", "Kabupaten Bantul")}
    assert only(events).visitor.unit == "Komisi C"


# -- what is not a visit ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "DPRD Kota Medan menggelar rapat paripurna pengesahan APBD Perubahan di gedung DPRD, "
    "Senin (7/7/2025). Seluruh fraksi menyetujui rancangan tersebut.",
    "Anggota DPRD Provinsi Riau melaksanakan reses di daerah pemilihan masing-masing untuk "
    "menampung aspirasi masyarakat.",
    "Komisi B DPRD Provinsi DKI Jakarta menggelar rapat kerja bersama Dinas Perhubungan di "
    "gedung DPRD DKI untuk membahas tarif angkutan.",
    "Pengamat menilai kunjungan kerja anggota DPRD ke luar daerah terlalu sering dan "
    "menghabiskan anggaran tanpa hasil yang jelas.",
])
def test_sessions_at_home_recess_and_opinion_yield_no_event(text: str) -> None:
    assert extract(text) == []


def test_a_member_at_home_during_a_recess_article_visits_no_place() -> None:
    recess = ("Masa reses II DPRD Provinsi Kalimantan Barat usai pekan ini. Selama tujuh "
              "hari para anggota dewan kembali ke daerah pemilihan untuk mendengar keluhan "
              "warga.\n")
    trip = ("Anggota Komisi III DPRD Kalbar, Rina Amelia, melakukan kunjungan ke Kabupaten "
            "Sekadau, Kamis (12/2/2026), dan meninjau jalan desa yang rusak.\n"
            "Ia juga menyerahkan bantuan semen kepada warga.")
    assert extract(recess + trip) == []
    # the same trip out of the province is a visit whatever the article says of the recess
    away = trip.replace("Kabupaten Sekadau", "Kota Balikpapan")
    assert pairs(extract(recess + away)) == {
        ("DPRD Provinsi Kalimantan Barat", "Kota Balikpapan")}


def test_visit_held_by_video_call_is_not_a_visit() -> None:
    text = ("Komisi A DPRD Kabupaten Sidoarjo melakukan konsultasi ke Kementerian Dalam Negeri "
            "secara virtual melalui zoom meeting, Kamis (5/6/2025).")
    assert extract(text) == []


def test_visit_between_two_executives_is_ignored() -> None:
    text = ("Pemerintah Kabupaten Pati melakukan studi banding ke Pemerintah Kota Surakarta "
            "terkait pengelolaan pasar tradisional.")
    assert extract(text) == []


def test_baca_juga_teaser_about_another_visit_is_not_extracted() -> None:
    text = (
        "DPRD Kabupaten Sumedang menggelar rapat paripurna penetapan Propemperda 2026.\n"
        "Baca juga: Komisi I DPRD Garut Kunker ke DPRD Provinsi Bali\n"
        "Rapat dipimpin Ketua DPRD Sumedang dan dihadiri Bupati Sumedang.")
    assert extract(text) == []


# -- institutions ----------------------------------------------------------------------------

def test_aliases_and_abbreviations_give_canonical_names() -> None:
    event = only(extract(
        "Pimpinan DPRD Kaltim melakukan konsultasi ke Kemendagri terkait tata tertib dewan."))
    assert event.visitor.institution == "DPRD Provinsi Kalimantan Timur"
    assert event.visitor.unit == "Pimpinan"
    assert event.host.institution == "Kementerian Dalam Negeri"
    assert event.kind == "konsultasi"


def test_bengkulu_alone_is_the_province() -> None:
    event = only(extract("Komisi I DPRD Bengkulu melakukan kunjungan kerja ke DPRD Jambi."))
    assert event.visitor.institution == "DPRD Provinsi Bengkulu"
    assert event.host.institution == "DPRD Provinsi Jambi"


def test_a_province_written_after_a_regency_council_says_where_it_is() -> None:
    # "Provinsi Bengkulu" also reads as the city of Bengkulu: the level word settles it
    found = rules("Komisi II DPRD Kabupaten Kepahiang, Provinsi Bengkulu melakukan "
                  "kunjungan kerja ke DPRD Kabupaten Tanggamus.")
    assert pairs(found) == {("DPRD Kabupaten Kepahiang", "DPRD Kabupaten Tanggamus")}


def test_a_regency_council_s_former_province_written_after_it_says_where_it_is() -> None:
    # Tambrauw is in Papua Barat Daya since 2022, Bulungan in Kalimantan Utara since 2012;
    # the province written is the one they were in, not a second council on a list
    for visitor, province in (("DPRD Kabupaten Tambrauw", "Provinsi Papua Barat"),
                              ("DPRD Kabupaten Bulungan", "Kalimantan Timur")):
        found = rules(f"Bupati Bolaang Mongondow menerima kunjungan kerja Komisi II {visitor}, "
                      f"{province}, di ruang rapat kantor bupati.")
        assert pairs(found) == {(visitor, "Pemerintah Kabupaten Bolaang Mongondow")}, province


def test_a_passive_prefix_written_apart_still_makes_the_subject_the_visitor() -> None:
    found = rules("Kedatangan Komisi II DPRD Kabupaten Pasaman di sambut Wakil Ketua DPRD "
                  "Kabupaten Solok beserta anggota.")
    assert pairs(found) == {("DPRD Kabupaten Pasaman", "DPRD Kabupaten Solok")}


def test_kota_written_before_a_province_name_is_the_city() -> None:
    event = only(extract(
        "DPRD Kota Bengkulu melakukan studi banding ke DPRD Kota Padang."))
    assert event.visitor.institution == "DPRD Kota Bengkulu"


def test_city_name_without_level_is_the_kota() -> None:
    event = only(extract("DPRD Tarakan melakukan kunjungan kerja ke DPRD Samarinda."))
    assert (event.visitor.institution, event.host.institution) == (
        "DPRD Kota Tarakan", "DPRD Kota Samarinda")


def test_aceh_legislatures_are_dpra_and_dprk() -> None:
    event = only(extract(
        "DPRK Aceh Besar melakukan kunjungan kerja ke DPRA di Banda Aceh."))
    assert event.visitor.institution == "DPRK Aceh Besar"
    assert event.host.institution == "DPR Aceh"


def test_hospital_name_is_kept_as_the_article_expands_it() -> None:
    event = only(rules(
        "Komisi IV DPRD Kabupaten Garut melakukan inspeksi mendadak ke Rumah Sakit Umum "
        "Daerah (RSUD) dr. Wiryo Husodo, Senin (2/6/2025). Di RSUD dr. Wiryo Husodo, "
        "rombongan meninjau ruang IGD."))
    assert event.host.institution == "Rumah Sakit Umum Daerah dr. Wiryo Husodo"
    assert event.kind == "kunjungan_kerja"


# -- attributes --------------------------------------------------------------------------------

def test_studi_banding_wins_over_kunjungan_kerja() -> None:
    event = only(extract(
        "DPRD Kabupaten Bogor melakukan kunjungan kerja ke DPRD Kota Semarang dalam rangka "
        "studi banding penyusunan perda kawasan tanpa rokok."))
    assert event.kind == "studi_banding"
    assert event.topic_category == "legislasi"


def test_a_schools_lessons_are_no_study_trip() -> None:
    school = only(rules(
        "Komisi IV DPRD Kota Samarinda meninjau SMA Negeri 5 Samarinda, Senin (2/6/2025), "
        "untuk memastikan kegiatan belajar mengajar berjalan di gedung baru."))
    assert school.kind == "kunjungan_kerja"
    study = only(rules(
        "Komisi IV DPRD Kota Samarinda mengunjungi DPRD Kota Malang, Senin (2/6/2025), untuk "
        "belajar pengelolaan sekolah gratis."))
    assert study.kind == "studi_banding"


def test_a_call_written_silaturrahmi_is_an_audiensi() -> None:
    event = only(rules(
        "Komisi I DPRD Provinsi Jambi melakukan kunjungan ke DPRD Provinsi Sumatera Barat, "
        "Senin (2/6/2025), untuk menjalin silaturrahmi antarlembaga."))
    assert event.kind == "audiensi"


def test_a_school_group_received_by_a_legislature_pays_it_a_call() -> None:
    event = only(extract(
        "Sebanyak 80 siswa SMP Negeri 3 Mataram berkunjung ke Gedung DPRD Provinsi Nusa "
        "Tenggara Barat, Selasa (3/6/2025). Rombongan siswa diterima Sekretaris DPRD NTB di "
        "ruang rapat paripurna dan mendapat penjelasan tentang tugas dewan."))
    assert (event.visitor.institution, event.host.institution) == (
        "SMP Negeri 3 Mataram", "DPRD Provinsi Nusa Tenggara Barat")
    assert event.kind == "audiensi"


def test_day_and_month_take_the_year_of_publication() -> None:
    event = only(extract(
        "Komisi II DPRD Provinsi Jambi berkunjung ke DPRD Provinsi Riau, Jumat (13/1), "
        "membahas perkebunan sawit.", published=date(2023, 1, 16)))
    assert event.date == date(2023, 1, 13)


def test_weekday_alone_is_the_last_such_day_before_publication() -> None:
    event = only(extract(
        "Pansus I DPRD Kota Depok mengunjungi DPRD Kota Bandung, Selasa. Kunjungan itu "
        "membahas raperda penyelenggaraan pendidikan.", published=date(2025, 6, 12)))
    assert event.date == date(2025, 6, 10)


def test_a_date_range_gives_its_first_day() -> None:
    event = only(extract(
        "Badan Kehormatan DPRD Kabupaten Badung melakukan studi banding ke DPRD Provinsi "
        "DI Yogyakarta pada 22-24 September 2016 terkait kode etik dewan."))
    assert event.date == date(2016, 9, 22)
    assert event.topic_category == "kelembagaan_dprd"


def test_people_lose_titles_and_degrees_and_get_their_side() -> None:
    events = extract(
        "Kunjungan Komisi III DPRD Kabupaten Sambas dipimpin Ketua Komisi III DPRD Sambas, "
        "H. Ahmad Ridwan, S.Sos., M.Si. Rombongan diterima Wakil Ketua DPRD Kota Pontianak, "
        "Dr. Hj. Siti Rahmawati, SE, di Pontianak.")
    people = {(p.name, p.side) for p in only(events).people}
    assert ("Ahmad Ridwan", "visitor") in people
    assert ("Siti Rahmawati", "host") in people


def test_location_comes_from_the_dateline_when_it_lies_in_the_host_region() -> None:
    event = only(extract(
        "PALEMBANG - Komisi II DPRD Provinsi Lampung melakukan kunjungan kerja ke DPRD Provinsi "
        "Sumatera Selatan pada Kamis (18/9/2025)."))
    assert event.location == "Palembang"
    assert event.date == date(2025, 9, 18)


def test_evidence_offsets_point_into_the_article_text() -> None:
    text = ("Berita daerah.\nKomisi I DPRD Kota Bogor melakukan kunjungan kerja ke DPRD "
            "Kabupaten Sleman, Rabu (4/6/2025).")
    event = only(extract(text))
    assert event.evidence
    for evidence in event.evidence:
        assert text[evidence.start:evidence.end] == evidence.text
    assert 0 < event.confidence < 1


def test_event_serialises_to_the_schema_shape_and_back() -> None:
    event = only(extract(
        "Komisi I DPRD Kota Bogor melakukan kunjungan kerja ke DPRD Kabupaten Sleman."))
    data = event.to_dict()
    assert set(data) >= {"kind", "visitor", "host", "date", "location", "people", "topic",
                         "topic_category", "evidence", "confidence"}
    assert Event.from_dict(data).to_dict() == data


@pytest.mark.parametrize("text", [
    "Menteri Dalam Negeri berkunjung ke Kabupaten Gowa untuk meresmikan kantor bupati baru.",
    "Wali Kota Makassar mengunjungi Kantor DPRD Kota Makassar untuk menyerahkan rancangan "
    "KUA-PPAS.",
    "Komisi II DPR RI menggelar rapat dengar pendapat dengan Kementerian Dalam Negeri di "
    "Kompleks Parlemen, Senayan, Jakarta.",
    "Polda Jawa Barat menerima kunjungan siswa SMA Negeri 3 Bandung dalam rangka pengenalan "
    "profesi polisi.",
])
def test_visits_without_a_travelling_legislature_are_not_extracted(text: str) -> None:
    assert extract(text) == []


def test_a_body_after_a_preposition_is_not_the_subject() -> None:
    # the word-order rules' reading, which the learned decision takes as a feature
    events = rule_events(Article(
        "Komisi D DPRD Kota Surabaya melakukan kunjungan kerja ke DPRD Kota Semarang. Selain "
        "ke DPRD Kota Semarang, rombongan juga mengunjungi Dinas Kesehatan Kota Semarang."),
        RULES)
    assert pairs(events) == {("DPRD Kota Surabaya", "DPRD Kota Semarang"),
                             ("DPRD Kota Surabaya", "Pemerintah Kota Semarang")}


def test_a_ministry_visited_makes_the_trip_to_jakarta_one_event() -> None:
    event = only(extract(
        "Pimpinan DPRD Kabupaten Ende akan melakukan kunjungan kerja ke Jakarta pekan depan "
        "untuk berkonsultasi dengan Kementerian Keuangan soal dana transfer daerah."))
    assert event.host.institution == "Kementerian Keuangan"
    assert event.kind == "konsultasi"
    assert event.location == "Jakarta"
    assert event.topic_category == "anggaran_keuangan"


def test_receiving_a_report_is_not_receiving_a_visit() -> None:
    text = ("Komisi A DPRD Kota Depok melakukan kunjungan kerja ke DPRD Kota Bogor. Sepulang "
            "dari Bogor, Komisi A menerima laporan dari Dinas Perhubungan Kota Depok.")
    assert pairs(extract(text)) == {("DPRD Kota Depok", "DPRD Kota Bogor")}


def test_organ_named_in_two_legislatures_belongs_to_the_articles_own() -> None:
    events = extract(
        "SURABAYA - Dua komisi DPRD Provinsi Jawa Timur melakukan kunjungan kerja ke luar "
        "daerah, Senin (23/6/2025). Komisi B berkunjung ke DPRD Provinsi Bali. Sementara itu, "
        "Komisi E bertolak ke Makassar dan diterima Komisi E DPRD Provinsi Sulawesi Selatan.")
    assert pairs(events) == {("DPRD Provinsi Jawa Timur", "DPRD Provinsi Bali"),
                             ("DPRD Provinsi Jawa Timur", "DPRD Provinsi Sulawesi Selatan")}
    sulsel = next(e for e in events if e.host.institution == "DPRD Provinsi Sulawesi Selatan")
    assert (sulsel.visitor.unit, sulsel.location) == ("Komisi E", "Makassar")
    assert sulsel.date == date(2025, 6, 23)


def test_tuan_rumah_makes_the_subject_the_host() -> None:
    event = only(rules("DPRD Kabupaten Karanganyar menjadi tuan rumah kunjungan kerja DPRD "
                       "Kabupaten Wonogiri, Rabu (11/6/2025)."))
    assert (event.visitor.institution, event.host.institution) == (
        "DPRD Kabupaten Wonogiri", "DPRD Kabupaten Karanganyar")


def test_short_topic_words_match_whole_words_only() -> None:
    # "pad" (pendapatan asli daerah) must not be read into "pada"
    event = only(extract("Studi banding Pansus III DPRD Kota Jambi ke DPRD Kota Bandung "
                         "dilaksanakan pada Senin (16/6/2025)."))
    assert event.topic_category == "lainnya"


def test_a_visit_abroad_has_the_country_as_host_region_and_the_city_as_place() -> None:
    event = only(extract(
        "Delegasi Badan Kerja Sama Antar Parlemen DPR RI melakukan kunjungan kerja ke Tokyo, "
        "Jepang, pada 3-6 Juni 2025 untuk membahas kerja sama parlemen."))
    assert event.visitor.unit == "Badan Kerja Sama Antar Parlemen"
    assert (event.host.institution, event.host.region) == (None, "Jepang")
    assert (event.location, event.date) == ("Tokyo", date(2025, 6, 3))


def test_a_members_recess_trip_to_constituents_is_not_a_visit() -> None:
    assert extract(
        "Anggota DPR RI dari daerah pemilihan Jawa Tengah V, Budi Santoso, melakukan kunjungan "
        "kerja reses ke Kabupaten Klaten untuk menyerap aspirasi warga dan konstituennya.") == []


def test_a_commission_received_during_the_recess_still_visits() -> None:
    event = only(extract(
        "Komisi VIII DPR RI melakukan kunjungan kerja dalam rangka reses ke Provinsi Aceh. "
        "Rombongan diterima Gubernur Aceh di Banda Aceh. Pertemuan membahas pelayanan haji. "
        "Komisi VIII DPR RI berjanji membawa usulan itu ke pusat."))
    assert event.host.institution == "Pemerintah Provinsi Aceh"
    assert event.location == "Banda Aceh"


def test_an_office_written_with_its_region_short_or_long_is_one_host() -> None:
    events = extract(
        "MEDAN - Komisi B DPRD Kabupaten Deli Serdang menyambangi Dinas Pertanian Provinsi "
        "Sumatera Utara, Selasa (10/6/2025). Kedatangan rombongan yang dipimpin Ketua Komisi "
        "B, Hendra Sitepu, disambut Kepala Dinas Pertanian Sumut, Marlon Simanjuntak.")
    event = only(events)
    # a regional office is its government's unit (the annotation convention)
    assert (event.host.institution, event.host.unit) == (
        "Pemerintah Provinsi Sumatera Utara", "Dinas Pertanian")
    assert ("Marlon Simanjuntak", "host") in {(p.name, p.side) for p in event.people}


def test_a_ministry_has_no_host_region_but_meets_in_jakarta() -> None:
    event = only(extract(
        "Komisi B DPRD Kabupaten Deli Serdang berkonsultasi dengan Kementerian Pertanian di "
        "Jakarta, Senin (2/6/2025), soal pupuk bersubsidi. Rombongan komisi diterima pejabat "
        "kementerian di ruang rapat. Ketua Komisi B mengatakan konsultasi itu membahas kuota "
        "pupuk bagi petani."))
    assert (event.host.institution, event.host.region, event.location) == (
        "Kementerian Pertanian", None, "Jakarta")


def test_a_ministry_and_an_agency_in_one_breath_are_two_hosts() -> None:
    events = rules(
        "Sebanyak 20 anggota DPRD Kota Batam dijadwalkan berangkat ke Jakarta pekan depan "
        "untuk berkonsultasi dengan Kementerian Keuangan dan Badan Pemeriksa Keuangan.")
    assert pairs(events) == {("DPRD Kota Batam", "Kementerian Keuangan"),
                             ("DPRD Kota Batam", "Badan Pemeriksa Keuangan")}
