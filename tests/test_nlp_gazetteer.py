"""The region dataset and canonical institution names."""

from nlp.gazetteer import describe_institution, gazetteer


def test_every_province_and_regency_of_the_dataset_is_known() -> None:
    gaz = gazetteer()
    assert len(gaz.regions_of_type("provinsi")) == 38
    assert len(gaz.regions_of_type("kabupaten")) + len(gaz.regions_of_type("kota")) == 514


def test_short_forms_find_their_province() -> None:
    gaz = gazetteer()
    for alias, name in [("Sumbar", "Sumatera Barat"), ("Kaltim", "Kalimantan Timur"),
                        ("NTB", "Nusa Tenggara Barat"), ("DIY", "DI Yogyakarta"),
                        ("Babel", "Kepulauan Bangka Belitung"), ("Papteng", "Papua Tengah"),
                        ("PBD", "Papua Barat Daya"), ("Kepri", "Kepulauan Riau")]:
        assert [r.name for r in gaz.lookup(alias)] == [name], alias


def test_spelling_without_spaces_matches_the_official_name() -> None:
    assert [r.full_name for r in gazetteer().lookup("Kulonprogo")] == ["Kabupaten Kulon Progo"]


def test_legislature_names_follow_the_schema() -> None:
    gaz = gazetteer()
    assert gaz.legislature_name(gaz.lookup("Aceh")[0]) == "DPR Aceh"
    assert gaz.legislature_name(gaz.lookup("Aceh Besar")[0]) == "DPRK Aceh Besar"
    assert gaz.legislature_name(gaz.lookup("Papua")[0]) == "DPR Papua"
    assert gaz.legislature_name(gaz.lookup("DKI")[0]) == "DPRD Provinsi DKI Jakarta"
    tegal = next(r for r in gaz.lookup("Tegal") if r.type == "kota")
    assert gaz.legislature_name(tegal) == "DPRD Kota Tegal"


def test_describe_institution_gives_kind_level_and_region_code() -> None:
    padang = describe_institution("DPRD Kota Padang")
    assert padang is not None
    assert (padang.kind, padang.level, padang.region_code) == ("dprd", "kota", "13.71")
    ministry = describe_institution("Kementerian Dalam Negeri")
    assert ministry is not None and ministry.kind == "ministry"
    national = describe_institution("DPD RI")
    assert national is not None and (national.kind, national.level) == ("dpd", "nasional")
    assert describe_institution("Polda Metro Jaya") is None
