import unicodedata

import pytest

from knowledge.textnorm import canonical, fold, tokenize


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("Uỷ ban", "Ủy ban"),
        ("khoẻ", "khỏe"),
        ("tự chuyển hoá", "tự chuyển hóa"),
        ("hoàn thành", "hoàn thành"),
        ("quý", "quý"),
        ("giá", "giá"),
        ("gì", "gì"),
        ("người", "người"),
        ("ngoài", "ngoài"),
        ("Thành uỷ", "Thành ủy"),
    ],
)
def test_one_tone_placement(written: str, expected: str) -> None:
    assert canonical(written) == expected
    assert canonical(unicodedata.normalize("NFD", written)) == expected


def test_fold_strips_every_diacritic() -> None:
    assert fold("Đảng ủy Khối") == "dang uy khoi"
    assert fold(unicodedata.normalize("NFD", "Báo cáo sơ kết")) == "bao cao so ket"


def test_tokens_split_letters_from_numbers_and_drop_leading_zeros() -> None:
    tokens = tokenize("CT05, báo cáo 03 năm trước ngày 25/03/2024")
    assert [t.key for t in tokens] == ["ct", "5", "bao", "cao", "3", "nam", "truoc", "ngay",
                                       "25", "3", "2024"]
    assert tokens[0].caps
    assert not tokens[2].caps
