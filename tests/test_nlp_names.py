"""The name resolver (nlp.canonical): every written form of a region, legislature, regional
government, ministry or country gives the canonical name of SCHEMA.md. Sentences are
written for these tests."""

from __future__ import annotations

import pytest

from nlp.canonical import canonical_name, resolver
from nlp.extract import analyse, rule_events
from nlp.institutions import find_mentions
from nlp.linguistic import RuleAnnotator
from nlp.records import Article

RULES = RuleAnnotator()


def pairs(text: str) -> set[tuple[str | None, str | None]]:
    """The visits the word-order rules read in ``text``, by canonical name: these tests are
    about names, and the learned decision is too unsure of a one-sentence report to be
    what they hang on (``rule_events``)."""
    events = rule_events(Article(text=text), RULES)
    return {(e.visitor.institution, e.host.institution or e.host.region) for e in events}


def named(text: str) -> list[str]:
    """What the recognisers name in ``text``: each mention's canonical institution, or the
    full name of the place it names, once the article has resolved its region."""
    analysis = analyse(Article(text=text), RULES)
    found = []
    for view in analysis.views:
        for mention in view.mentions:
            name = mention.institution or (
                mention.region.full_name if mention.kind == "place" and mention.region else None)
            if name:
                found.append(name)
    return found


@pytest.mark.parametrize(("written", "canonical"), [
    ("DPRD Sumbar", "DPRD Provinsi Sumatera Barat"),
    ("Dewan Perwakilan Rakyat Daerah Provinsi Jawa Timur", "DPRD Provinsi Jawa Timur"),
    ("DPRD Kab. Gianyar", "DPRD Kabupaten Gianyar"),
    ("DPRD Balikpapan", "DPRD Kota Balikpapan"),
    ("DPRD Bandung", "DPRD Kota Bandung"),  # a kota and a kabupaten: the kota
    ("DPRD Bengkulu", "DPRD Provinsi Bengkulu"),  # a province and its capital: the province
    ("DPRD Aceh Besar", "DPRK Aceh Besar"),
    ("DPRA", "DPR Aceh"),
    ("DPRP", "DPR Papua"),
    ("DPR-RI", "DPR RI"),
    ("Dewan Perwakilan Rakyat Republik Indonesia", "DPR RI"),
    ("Pemkab Gunung Kidul", "Pemerintah Kabupaten Gunungkidul"),
    ("Pemkot Jogja", "Pemerintah Kota Yogyakarta"),
    ("Solo", "Kota Surakarta"),
    ("Yogyakarta", "Kota Yogyakarta"),
    ("Gubernur Kaltim", "Pemerintah Provinsi Kalimantan Timur"),
    ("Kemendagri", "Kementerian Dalam Negeri"),
    ("Kementrian Keuangan RI", "Kementerian Keuangan"),
    ("Kemeterian Dalam Negeri", "Kementerian Dalam Negeri"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
     "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    ("ke Korsel", None),
    ("Korsel", "Korea Selatan"),
    ("Kabupaten Tanah Datar", "Kabupaten Tanah Datar"),
    ("Persatuan Sepak Bola", None),
])
def test_every_written_form_gives_the_canonical_name(written: str, canonical: str | None
                                                     ) -> None:
    assert canonical_name(written) == canonical


def test_a_region_misspelt_by_one_letter_is_found_only_where_a_region_must_stand() -> None:
    names = resolver()
    assert [r.full_name for r in names.regions("Kutai Kertanegara", fuzzy=True)] == [
        "Kabupaten Kutai Kartanegara"]
    assert names.regions("Kutai Kertanegara") == ()  # not in running text without a cue
    assert names.regions("Bimo", fuzzy=True) == ()  # short names are too alike
    assert canonical_name("DPRD Kabupaten Mangarai Barat") == "DPRD Kabupaten Manggarai Barat"


def test_misspelt_regency_after_dprd_is_that_regency() -> None:
    assert pairs("Komisi II DPRD Kabupaten Kutai Kertanegara melakukan kunjungan kerja ke "
                 "DPRD Kota Padang, Senin (2/6/2025).") == {
        ("DPRD Kabupaten Kutai Kartanegara", "DPRD Kota Padang")}


def test_bodies_of_a_region_the_dataset_spells_otherwise_take_its_official_name() -> None:
    assert pairs("Komisi I DPRD Kota Palangkaraya melakukan kunjungan kerja ke Pemerintah "
                 "Kota Bau Bau.") == {("DPRD Kota Palangka Raya", "Pemerintah Kota Baubau")}


def test_misspelt_ministry_is_the_ministry() -> None:
    assert pairs("Pimpinan DPRD Kota Bitung berkonsultasi ke Kemeterian Dalam Negeri soal "
                 "tata tertib dewan.") == {("DPRD Kota Bitung", "Kementerian Dalam Negeri")}
    assert "Kementerian Komunikasi dan Informatika" in named(
        "Komisi I DPR RI bertemu pejabat Kementerian Komunikasi dan Informasi.")


def test_a_ministry_whose_name_lists_its_fields_is_read_with_or_without_commas() -> None:
    for written in ("Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
                    "Kementerian Desa, Pembangunan Daerah Tertinggal dan Transmigrasi",
                    "Kementerian Desa Pembangunan Daerah Tertinggal dan Transmigrasi"):
        assert pairs(f"Komisi I DPRD Kabupaten Garut berkonsultasi ke {written}.") == {
            ("DPRD Kabupaten Garut",
             "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi")}
    assert set(named("Pansus bertemu pejabat Kementerian Pendidikan, Kebudayaan, Riset dan "
                     "Teknologi.")) >= {"Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi"}
    # a comma between two ministries still parts them
    assert set(named("Rombongan ke Kementerian Dalam Negeri, Kementerian Keuangan.")) >= {
        "Kementerian Dalam Negeri", "Kementerian Keuangan"}


def test_dprk_written_in_papua_keeps_its_name() -> None:
    assert pairs("Komisi B DPRK Mimika melakukan kunjungan kerja ke DPRD Kota Ambon.") == {
        ("DPRK Mimika", "DPRD Kota Ambon")}


# -- places written without a level ---------------------------------------------------------

def test_a_province_capital_named_alone_as_a_place_is_the_city() -> None:
    assert "Kota Yogyakarta" in named("Komisi A DPRD Kabupaten Blitar studi banding ke Jogja.")
    assert "Kota Bengkulu" in named("Komisi C DPRD Kabupaten Pati kunker ke Bengkulu.")
    assert "Kota Surakarta" in named("Anggota DPRD Kota Cilegon berangkat ke Solo.")


def test_the_province_when_the_article_names_the_province_itself() -> None:
    text = ("Pansus II DPRD Kabupaten Bone melakukan kunjungan kerja ke Daerah Istimewa "
            "Yogyakarta (DIY). Di Yogyakarta, rombongan belajar soal tata kelola pasar.")
    assert named(text).count("Provinsi DI Yogyakarta") == 2


def test_a_capital_listed_with_towns_is_the_city_even_when_the_province_is_named() -> None:
    text = ("DPRD Kabupaten Bone melakukan kunjungan kerja ke Daerah Istimewa Yogyakarta. "
            "Rombongan mengunjungi Kulon Progo, Gunungkidul dan Yogyakarta.")
    assert "Kota Yogyakarta" in named(text)


def test_a_capital_listed_with_provinces_is_the_province() -> None:
    text = "Komisi VI DPR RI dijadwalkan kunjungan kerja ke Jogja, Riau dan Lampung."
    assert "Provinsi DI Yogyakarta" in named(text)


def test_a_legislature_named_by_a_province_name_stays_provincial() -> None:
    assert named("Komisi I DPRD Bengkulu menerima rombongan dari Kabupaten Pati.")[0] == (
        "DPRD Provinsi Bengkulu")


def test_a_place_qualifying_a_regency_is_its_province() -> None:
    assert named("DPRD Kota Batam studi banding ke Kabupaten Sleman, Yogyakarta.")[1:] == [
        "Kabupaten Sleman", "Provinsi DI Yogyakarta"]


# -- regional offices ------------------------------------------------------------------------

def offices(text: str) -> list[tuple[str | None, str | None]]:
    analysis = analyse(Article(text=text), RULES)
    return [(m.institution, m.unit) for v in analysis.views for m in v.mentions
            if m.kind in ("executive", "organisation")]


def test_an_office_written_with_its_region_is_a_unit_of_that_government() -> None:
    assert offices("Komisi C DPRD Kota Depok berkunjung ke Dinas Perhubungan Kabupaten "
                   "Sleman.") == [("Pemerintah Kabupaten Sleman", "Dinas Perhubungan")]
    assert offices("Rombongan diterima di Kantor Biro Organisasi Provinsi Jawa Tengah.") == [
        ("Pemerintah Provinsi Jawa Tengah", "Biro Organisasi")]
    assert offices("Pansus I menyambangi Satpol PP Kota Bitung.") == [
        ("Pemerintah Kota Bitung", "Satpol PP")]
    assert offices("Mereka berkonsultasi ke Kesbangpol Balikpapan.") == [
        ("Pemerintah Kota Balikpapan", "Kesbangpol")]
    assert offices("Komisi II belajar ke Dinas Perikanan Sulut.") == [
        ("Pemerintah Provinsi Sulawesi Utara", "Dinas Perikanan")]
    assert offices("Rombongan ditemui di Setda Kota Ambon.") == [
        ("Pemerintah Kota Ambon", "Sekretariat Daerah")]


def test_an_office_without_its_region_stays_as_written() -> None:
    assert offices("Komisi IV meninjau Dinas Kependudukan dan Catatan Sipil.") == [
        ("Dinas Kependudukan dan Catatan Sipil", None)]


def test_agencies_that_keep_their_own_names_are_not_government_units() -> None:
    assert offices("Komisi III meninjau Badan Penanggulangan Bencana Daerah Kota Palu.") == [
        ("Badan Penanggulangan Bencana Daerah Kota Palu", None)]


def test_offices_listed_before_one_with_its_region_share_that_government() -> None:
    assert offices("Rombongan bertemu Dinas Pertanian dan Dinas Perikanan Kabupaten Pati.") == [
        ("Pemerintah Kabupaten Pati", "Dinas Pertanian"),
        ("Pemerintah Kabupaten Pati", "Dinas Perikanan")]


def test_an_office_before_its_government_is_that_governments_unit() -> None:
    assert offices("Komisi B menyambangi Dinas Koperasi Pemkab Klaten.") == [
        ("Pemerintah Kabupaten Klaten", "Dinas Koperasi")]


def test_the_province_named_after_a_regency_of_another_province_corrects_it() -> None:
    # Bandung is in Jawa Barat; in Bali the name one letter away is Badung
    assert offices("Kunjungan diarahkan ke Dinas Pariwisata Kabupaten Bandung, Provinsi "
                   "Bali.") == [("Pemerintah Kabupaten Badung", "Dinas Pariwisata")]
    assert "DPRD Kabupaten Badung" in named("Komisi A DPRD Kabupaten Bandung (Bali) datang.")
    assert "DPRD Kabupaten Bandung" in named("Komisi A DPRD Kabupaten Bandung (Jawa Barat).")


# -- legislatures named through their place ---------------------------------------------------

def legislatures(text: str) -> list[str]:
    analysis = analyse(Article(text=text), RULES)
    return [m.institution for v in analysis.views for m in v.mentions
            if m.kind == "legislature" and m.institution]


def test_members_named_with_their_region_stand_for_its_legislature() -> None:
    assert legislatures("Para wakil rakyat dari Kota Tegal berkunjung ke DPRD Kota "
                        "Cirebon.") == ["DPRD Kota Tegal", "DPRD Kota Cirebon"]
    assert legislatures("Sejumlah anggota dewan Kabupaten Sleman datang ke Gedung DPRD "
                        "Kota Magelang.") == ["DPRD Kabupaten Sleman", "DPRD Kota Magelang"]
    assert legislatures("Rombongan legislator dari Sragen tiba siang hari.") == [
        "DPRD Kabupaten Sragen"]
    assert legislatures("Komisi B dari Kabupaten Gowa juga hadir.") == [
        "DPRD Kabupaten Gowa"]
    assert legislatures("Kunjungan DPRD dari Kabupaten Sidoarjo diterima Ketua DPRD "
                        "Kota Malang.")[:1] == ["DPRD Kabupaten Sidoarjo"]


def test_a_council_named_in_brackets_after_the_wrong_full_name_is_that_council() -> None:
    # the writer spelt out the national name (or mixed up its words) for a regional council
    assert legislatures("Dewan Perwakilan Rakyat (DPRD Kabupaten Kampar) berkunjung ke "
                        "DPRD Kota Dumai.") == ["DPRD Kabupaten Kampar", "DPRD Kota Dumai"]
    assert legislatures("Komisi II Dewan Perwakilan Daerah (DPRD) Kabupaten Kampar tiba "
                        "di Dumai.") == ["DPRD Kabupaten Kampar"]
    assert legislatures("Dewan Perwakilan Rakyat (DPR) RI menerima tamu.") == ["DPR RI"]
    assert legislatures("Dewan Perwakilan Rakyat Daerah (DPR) Kabupaten Kampar tiba.") == [
        "DPRD Kabupaten Kampar"]


def test_other_councils_are_not_legislatures() -> None:
    assert legislatures("Dewan Pendidikan Kota Malang menggelar rapat.") == []
    assert legislatures("Anggota dewan menilai program itu berhasil.") == []


def test_a_name_shared_by_a_kota_and_a_kabupaten_with_both_levels_is_both_bodies() -> None:
    assert legislatures("DPRD Kota dan Kabupaten Blitar studi banding ke DPRD Kota "
                        "Batu.") == ["DPRD Kota Blitar", "DPRD Kabupaten Blitar", "DPRD Kota Batu"]
    assert legislatures("Anggota legislatif Kota dan Kabupaten Madiun ikut serta.") == [
        "DPRD Kota Madiun", "DPRD Kabupaten Madiun"]


def test_bare_names_listed_after_a_dprd_are_legislatures_of_their_own() -> None:
    assert legislatures("DPRD Kota Kendari menerima rombongan DPRD Wakatobi, Bombana dan "
                        "Konawe Selatan.") == ["DPRD Kota Kendari", "DPRD Kabupaten Wakatobi",
                                               "DPRD Kabupaten Bombana",
                                               "DPRD Kabupaten Konawe Selatan"]
    assert legislatures("Tamu datang dari DPRD Kota Baru, Kabupaten Magetan Jawa Timur.") == [
        "DPRD Kabupaten Kotabaru", "DPRD Kabupaten Magetan"]


def test_a_province_after_a_region_only_says_where_it_is() -> None:
    assert legislatures("Komisi I DPRD Kabupaten Klaten, Jawa Tengah berkunjung.") == [
        "DPRD Kabupaten Klaten"]
    assert legislatures("DPRD Kabupaten Tabanan Bali menerima tamu.") == [
        "DPRD Kabupaten Tabanan"]


# -- organisations as the article names them ----------------------------------------------

def organisations(text: str) -> list[tuple[str | None, str | None]]:
    return [(name, unit) for name, unit in offices(text)]


def test_an_abbreviation_the_article_gives_stays_in_the_name() -> None:
    assert organisations("Komisi II meninjau PT Sumber Tani Makmur (STM) di Bima.") == [
        ("PT Sumber Tani Makmur (STM)", None)]
    assert organisations("Pansus mengunjungi PT Semen Tonasa (Persero).") == [
        ("PT Semen Tonasa (Persero)", None)]


def test_desa_inside_a_body_s_name_is_part_of_it_but_a_village_after_it_is_not() -> None:
    assert organisations("Forum Kepala Desa Kabupaten Garut beraudiensi ke DPRD.") == [
        ("Forum Kepala Desa Kabupaten Garut", None)]
    assert organisations("Rombongan ke Badan Permusyawaratan Desa (BPD) Desa Sukaraja.") == [
        ("Badan Permusyawaratan Desa (BPD)", None)]
    assert organisations("Komisi IV meninjau Puskesmas Cibiru Desa Sukaraja.") == [
        ("Puskesmas Cibiru", None)]
    assert offices("Komisi A berkunjung ke Dinas Pemberdayaan Masyarakat dan Desa Provinsi "
                   "Jawa Tengah.") == [("Pemerintah Provinsi Jawa Tengah",
                                        "Dinas Pemberdayaan Masyarakat dan Desa")]
    assert organisations("Rombongan singgah di Kantor Desa setempat.") == []


def test_a_short_head_standing_for_a_name_written_in_full_takes_that_name() -> None:
    # no short form in brackets ties the two: the head abbreviates the full name's words
    assert organisations("Pansus berkunjung ke Badan Pendapatan Daerah Kota Banjarmasin. "
                         "Rombongan diterima Kepala Bapenda Banjarmasin.") == [
        ("Badan Pendapatan Daerah Kota Banjarmasin", None)] * 2
    # another region's office, or one named with no region, stays as written
    assert organisations("Pansus berkunjung ke Badan Pendapatan Daerah Kota Banjarmasin. "
                         "Sebelumnya mereka ke Bapenda Balikpapan.")[1] == (
        "Bapenda Balikpapan", None)


def test_brackets_that_are_not_part_of_the_name_are_dropped() -> None:
    assert organisations("Komisi IV sidak ke Rumah Sakit Umum Daerah (RSUD) Sultan Syarif "
                         "Mohamad Alkadrie.") == [
        ("Rumah Sakit Umum Daerah Sultan Syarif Mohamad Alkadrie", None)]
    assert organisations("Rombongan ke Balai Benih Ikan (tempat pembibitan lele).") == [
        ("Balai Benih Ikan", None)]
    assert organisations("Komisi A berkonsultasi ke Badan Pusat Statistik (BPS).") == [
        ("Badan Pusat Statistik", None)]


def test_after_a_role_a_body_s_name_ends_with_its_region_and_a_person_follows() -> None:
    assert organisations("Turut hadir Kepala Bappeda Sarolangun Budi Santoso dan staf.") == [
        ("Bappeda Sarolangun", None)]
    assert organisations("Hadir Kepala Bank Sultra Cabang Kolaka Budi Santoso dan staf.") == [
        ("Bank Sultra", "Cabang Kolaka")]


def test_a_companys_branch_is_its_unit() -> None:
    assert organisations("Komisi B mengunjungi Bank Sultra Cabang Kolaka.") == [
        ("Bank Sultra", "Cabang Kolaka")]
    assert organisations("Komisi C menyambangi PT PLN UP3 Kendari.") == [
        ("PT PLN", "UP3 Kendari")]


def test_a_whole_name_head_stands_alone_and_its_place_is_not_its_name() -> None:
    assert organisations("Komisi IV meninjau gudang Bulog di Kendari.") == [("Bulog", None)]
    analysis = analyse(Article(text="Komisi IV DPR RI sidak Bulog Kendari."), RULES)
    bulog = [m for v in analysis.views for m in v.mentions if m.kind == "organisation"]
    assert [(m.name, m.region.full_name if m.region else None) for m in bulog] == [
        ("Bulog", "Kota Kendari")]


def test_an_office_building_before_a_name_stands_for_that_body() -> None:
    assert organisations("Rombongan mengunjungi Kantor Ombudsman RI di Jambi.") == [
        ("Ombudsman RI", None)]


def test_national_headquarters_and_mass_organisations_boards_are_organisations() -> None:
    assert organisations("Komisi I berkunjung ke Markas Besar TNI pekan lalu.") == [
        ("Markas Besar TNI", None)]
    assert organisations("Komisi III menyambangi Mabes Polri, Senin.") == [
        ("Mabes Polri", None)]
    assert organisations("Wakil Ketua MPR menerima Pimpinan Pusat Persatuan Islam.") == [
        ("Pimpinan Pusat Persatuan Islam", None)]
    assert organisations("Pimpinan DPR menerima Konfederasi Serikat Buruh Nusantara.") == [
        ("Konfederasi Serikat Buruh Nusantara", None)]


def test_two_names_joined_by_dan_are_two_organisations() -> None:
    assert organisations("Komisi D meninjau SD Negeri 5 Lasusua dan SMP Negeri 1 "
                         "Lasusua.") == [("SD Negeri 5 Lasusua", None),
                                         ("SMP Negeri 1 Lasusua", None)]


def test_an_initial_with_a_long_title_keeps_the_name_going() -> None:
    assert organisations("Komisi IV sidak ke RSUD Prof. dr. Aloei Saboe.") == [
        ("RSUD Prof. dr. Aloei Saboe", None)]


def test_a_whole_name_head_ending_the_text_is_read() -> None:
    assert organisations('Keluhan itu dijawab akun "@Bulog') == [("Bulog", None)]


# -- other hosts and visitors ----------------------------------------------------------------

def kinds_and_names(text: str) -> list[tuple[str, str | None, str | None]]:
    analysis = analyse(Article(text=text), RULES)
    return [(m.kind, m.institution, m.unit) for v in analysis.views for m in v.mentions
            if m.kind in ("ministry", "organisation")]


def test_groups_received_by_a_legislature_are_named() -> None:
    assert organisations("Aliansi Nelayan Tradisional (ANT) mendatangi Gedung DPRD "
                         "Kabupaten Kendal.") == [("Aliansi Nelayan Tradisional (ANT)", None)]
    assert organisations("Audiensi Forum Guru Honorer dengan Komisi D berlangsung lancar.") == [
        ("Forum Guru Honorer", None)]


def test_police_prosecutors_and_military_units_are_hosts() -> None:
    assert organisations("Komisi III meninjau Kepolisian, Kejaksaan dan Lapas Kelas IIA "
                         "Kendari.") == [("Kepolisian", None), ("Kejaksaan", None),
                                         ("Lapas Kelas IIA Kendari", None)]
    assert organisations("Komisi I mengunjungi markas Brigade Infanteri 22.") == [
        ("Brigade Infanteri 22", None)]


def test_a_short_form_made_of_the_bracketed_abbreviations_is_the_full_name() -> None:
    text = ("Komisi II meninjau PT Sumber Batu Makmur (SBM) di Sangatta. Esoknya rombongan ke "
            "Pangkalan TNI Angkatan Udara (Lanud) Wiradarma. Di PT SBM, rombongan melihat "
            "tungku. Di Lanud Wiradarma, rombongan melihat landasan.")
    analysis = analyse(Article(text=text), RULES)
    names = [m.institution for v in analysis.views for m in v.mentions
             if m.kind == "organisation"]
    assert names == ["PT Sumber Batu Makmur (SBM)",
                     "Pangkalan TNI Angkatan Udara (Lanud) Wiradarma",
                     "PT Sumber Batu Makmur (SBM)",
                     "Pangkalan TNI Angkatan Udara (Lanud) Wiradarma"]


def test_an_abbreviation_with_more_words_after_it_is_another_body() -> None:
    text = ("Komisi A menerima Komisi Pemilihan Umum (KPU) Kabupaten Gowa. KPU juga menggelar "
            "rapat pleno.")
    analysis = analyse(Article(text=text), RULES)
    names = {m.institution for v in analysis.views for m in v.mentions
             if m.kind == "organisation"}
    assert "KPU" in names


def test_a_whole_name_body_ending_a_sentence_leaves_the_full_stop_out() -> None:
    assert organisations("Komisi II akan berkonsultasi dengan OJK. Rombongan berangkat "
                         "Senin.") == [("OJK", None)]
    assert organisations("Komisi II meninjau PT. Mitra Jaya di Bima.") == [
        ("PT. Mitra Jaya", None)]


def test_a_hospital_named_after_a_doctor_without_a_period() -> None:
    assert organisations("Komisi E sidak ke RSUD dr Rasyidin, Senin.") == [
        ("RSUD dr Rasyidin", None)]


def test_bodies_abroad_are_named_as_written_with_their_country_aside() -> None:
    analysis = analyse(Article(text=(
        "Parlemen Provinsi Jeolla Selatan Korea Selatan berkunjung ke DPRD Provinsi Bali. "
        "Komisi XI DPR RI bertemu Kementerian Keuangan Jepang dan Pemerintah Jepang.")), RULES)
    found = [(m.name, m.region.name if m.region else None)
             for v in analysis.views for m in v.mentions if m.kind == "organisation"]
    assert found == [("Parlemen Provinsi Jeolla Selatan", "Korea Selatan"),
                     ("Kementerian Keuangan Jepang", "Jepang"), ("Pemerintah Jepang", "Jepang")]


def test_a_directorate_general_alone_is_its_ministrys_unit() -> None:
    assert kinds_and_names("Komisi II menemui Dirjen Perkebunan di Jakarta.") == [
        ("ministry", "Kementerian Pertanian", "Direktorat Jenderal Perkebunan")]
    assert kinds_and_names("Pansus berkonsultasi ke Ditjen Otda Kemendagri.") == [
        ("ministry", "Kementerian Dalam Negeri", "Direktorat Jenderal Otonomi Daerah")]


def test_a_clinic_and_a_hospital_of_one_town_stay_two_bodies() -> None:
    assert organisations("Komisi IV meninjau RSUD Kolaka. Rombongan lalu ke Puskesmas "
                         "Kolaka.") == [("RSUD Kolaka", None), ("Puskesmas Kolaka", None)]


def test_a_place_written_with_two_levels_is_both_places() -> None:
    assert named("Pansus II kunker ke Kabupaten/Kota Blitar pekan depan.") == [
        "Kabupaten Blitar", "Kota Blitar"]


def test_nicknames_reporters_use_for_regions() -> None:
    assert "Provinsi Bali" in named("Komisi A DPRD Kota Depok terbang ke Pulau Dewata.")
    assert "Kota Surabaya" in named("Rombongan DPRD Kota Depok tiba di Kota Pahlawan.")


def test_a_country_named_after_a_currency_is_money_not_a_place() -> None:
    found = [m.text for m in find_mentions(
        "Uang 200 ribu dolar Singapura dan 5 juta yen Jepang diserahkan sebelum ia terbang ke "
        "Singapura.")]
    assert found == ["Singapura"]


def test_a_title_after_an_organ_word_starts_a_person_not_the_organs_name() -> None:
    mentions = find_mentions("Rombongan dipimpin Wakil Ketua Pansus Ir. Hartono Saleh dan "
                             "Ketua Pansus 10 DPRD Kota Medan.")
    units = [m.unit for m in mentions if m.kind == "legislature"]
    assert units == ["Pansus", "Pansus 10"]


def test_a_regional_office_named_by_a_ministrys_short_name_is_the_regions_office() -> None:
    # "Kominfo" alone is the ministry; after "Dinas" it is the office's field
    assert kinds_and_names("Rombongan diterima Kepala Dinas Kominfo Kota Tegal.") == []
    analysis = analyse(Article(text="Rombongan diterima Kepala Dinas Kominfo Kota Tegal."),
                       RULES)
    assert [(m.kind, m.institution, m.unit) for v in analysis.views for m in v.mentions] == [
        ("executive", "Pemerintah Kota Tegal", "Dinas Kominfo")]
    assert kinds_and_names("Komisi I berkonsultasi ke Kominfo di Jakarta.") == [
        ("ministry", "Kementerian Komunikasi dan Informatika", None)]


def test_bodies_abroad_named_in_english_are_organisations_with_their_short_form() -> None:
    assert organisations(
        "Di Seoul, Komisi XI bertemu Korea Statistics Office (KSO), lalu ke Central "
        "Bank of Ruritania.") == [
        ("Korea Statistics Office (KSO)", None), ("Central Bank of Ruritania", None)]


def test_an_english_name_may_link_its_words_with_of_the() -> None:
    assert organisations(
        "Rombongan bertemu Office of the Auditor General of Ruritania (OAG) lalu University "
        "of the Andes.") == [
        ("Office of the Auditor General of Ruritania (OAG)", None),
        ("University of the Andes", None)]


def test_a_body_named_in_english_stands_in_the_one_country_its_name_holds() -> None:
    def regions(text: str) -> list[tuple[str, str | None]]:
        analysis = analyse(Article(text=text), RULES)
        return [(m.text, m.region.name if m.region else None)
                for v in analysis.views for m in v.mentions if m.kind == "organisation"]

    assert regions("Komisi XI bertemu Bank of Canada dan Reserve Bank of New Zealand.") == [
        ("Bank of Canada", "Kanada"), ("Reserve Bank of New Zealand", "Selandia Baru")]
    assert regions("Komisi I bertemu National Assembly Republik Korea.") == [
        ("National Assembly", "Korea Selatan")]
    assert regions("Komisi XI bertemu Lestari Institute of Economics.") == [
        ("Lestari Institute of Economics", None)]


def test_indonesian_names_holding_an_english_word_are_not_read_as_english_bodies() -> None:
    # "Bank" heads an English name only before "of" (the bank here is Indonesian-named); a
    # sentence's first word and a role are no part of a name; a head in capitals is a sign
    assert organisations("Komisi B membahas RUPS Bank Sulteng.") == [("Bank Sulteng", None)]
    assert organisations("Kemudian Ruritania Rail Network menerima Komisi V.") == [
        ("Ruritania Rail Network", None)]
    assert organisations("Gubernur Central Bank of Ruritania menerima Komisi XI.") == [
        ("Central Bank of Ruritania", None)]
    assert organisations("Rombongan mampir ke toko MAJU CENTRE di Bima.") == []
    # the name ends with its head or the "of ..." after it, not with a person named next
    assert organisations("Komisi X bertemu Lestari Institute Budi Santoso di kampus "
                         "University of New Castle Selasa.") == [
        ("Lestari Institute", None), ("University of New Castle", None)]
    # a government's name ends the English one before it
    analysis = analyse(Article(text="Komisi A meninjau Command Center Pemkot Bogor."), RULES)
    assert [(m.kind, m.institution) for v in analysis.views for m in v.mentions][1:] == [
        ("organisation", "Command Center"), ("executive", "Pemerintah Kota Bogor")]
