import pytest

from knowledge.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.bundled()


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("bc 6 thang", "báo cáo 6 thang"),
        ("KL 01 và CT05", "kết luận 1 và chỉ thị 5"),
        ("BTV ĐUK", "ban thường vụ đảng ủy khối"),
        ("UBND, MTTQ", "ủy ban nhân dân mặt trận tổ quốc"),
        ("Ban Tuyên giáo TU", "ban tuyên giáo tỉnh ủy"),
        ("q1", "quý i"),
        ("quý 2 năm 2023", "quý ii năm 2023"),
        ("ba năm", "3 năm"),
        ("ba nam", "3 nam"),
        ("hạn chót nộp", "hạn gửi"),
    ],
)
def test_abbreviations_numbers_and_synonyms(lexicon: Lexicon, written: str, read: str) -> None:
    assert " ".join(t.text for t in lexicon.normalize(written)) == read


@pytest.mark.parametrize(
    "ordinary",
    ["từ tháng 1", "thu hoạch", "sau tháng 5/2024", "tư tưởng"],
)
def test_ordinary_words_are_not_taken_for_abbreviations(lexicon: Lexicon, ordinary: str) -> None:
    written = " ".join(t.text for t in lexicon.normalize(ordinary))
    assert "ủy" not in written and "quý" not in written
    assert not written.startswith("6")


def test_places_are_found_on_diacritic_free_words(lexicon: Lexicon) -> None:
    keys = [t.key for t in lexicon.normalize("Thời tiết Hà Nội hôm nay")]
    assert lexicon.find_places(keys) == [(("ha", "noi"), "hà nội")]
