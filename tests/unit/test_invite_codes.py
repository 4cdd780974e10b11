"""Invite codes look like codes, and only codes look like codes."""

from __future__ import annotations

from handlers.units.invites import CODE_ALPHABET, looks_like_code, new_code


def test_every_new_code_is_recognised_when_pasted_back() -> None:
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(looks_like_code(code) and set(code) <= set(CODE_ALPHABET) for code in codes)


def test_words_and_replies_are_not_codes() -> None:
    for text in ("xong rồi", "baocaoxx", "12345678", "đã gửi 45", "ABCDEFGH", "AB12CD3"):
        assert not looks_like_code(text)
    assert looks_like_code(" k7m4qx2p ")
