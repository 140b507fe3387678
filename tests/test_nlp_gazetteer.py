"""The region dataset and canonical institution names."""

from nlp.gazetteer import describe_institution, gazetteer, in_province, region_inside


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


def test_a_regency_lies_in_the_provinces_its_own_was_split_from() -> None:
    gaz = gazetteer()
    tambrauw = gaz.lookup("Tambrauw")[0]  # Papua Barat Daya, from Papua Barat, from Papua
    papua_barat, papua, maluku = (gaz.lookup(name)[0] for name in ("Papua Barat", "Papua",
                                                                   "Maluku"))
    assert in_province(tambrauw, papua_barat.code) and in_province(tambrauw, papua.code)
    assert not in_province(tambrauw, maluku.code)
    assert region_inside(tambrauw, papua_barat) and not region_inside(papua_barat, tambrauw)
    assert not region_inside(papua_barat, papua_barat)


def test_old_names_and_short_names_find_their_region() -> None:
    gaz = gazetteer()
    for written, full_name in [("Irian Jaya Barat", "Provinsi Papua Barat"),
                               ("Irian Jaya", "Provinsi Papua"),
                               ("Ujung Pandang", "Kota Makassar"),
                               ("Tidore", "Kota Tidore Kepulauan"),
                               ("Siak Sri Indrapura", "Kabupaten Siak"),
                               ("Tanimbar", "Kabupaten Kepulauan Tanimbar")]:
        assert [r.full_name for r in gaz.lookup(written)] == [full_name], written
