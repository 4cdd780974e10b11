"""Give an upper-case name (a letterhead line) the case the document itself writes it in.

"ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" becomes "Đảng ủy Khối các cơ quan tỉnh" because the body
says "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh xây dựng ...": the longest run of the
name's words found in mixed case in the text gives its case. A word found nowhere is a
proper name ("NÔNG CỐNG" -> "Nông Cống") unless the rules list it as a lower-case word.
"""

from __future__ import annotations

import re
from collections import Counter

from knowledge.imports.blocks import is_upper
from knowledge.imports.rules import Rules, key

MAX_RUN = 8


def _occurrences(run: str, corpus: str, lowered: str) -> list[str]:
    """The mixed-case spellings of ``run`` inside the text, at whole-word boundaries."""
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(run.lower())}(?!\w)", lowered):
        written = corpus[match.start():match.end()]
        if not is_upper(written) or len(written) < 3:
            found.append(written)
    return found


def restore_case(name: str, corpus: str, rules: Rules) -> str:
    words = name.split()
    lowered = corpus.lower()
    lower_words = {key(w) for w in rules.words("lowercase_words")}
    cased: list[str] = []
    index = 0
    while index < len(words):
        for end in range(min(len(words), index + MAX_RUN), index, -1):
            spellings = _occurrences(" ".join(words[index:end]), corpus, lowered)
            if spellings and (end - index > 1 or len(words[index]) > 1):
                best = Counter(spellings).most_common(1)[0][0]
                cased.extend(best.split())
                index = end
                break
        else:
            word = words[index]
            cased.append(word.lower() if key(word.lower()) in lower_words else
                         word[:1].upper() + word[1:].lower())
            index += 1
    text = " ".join(cased)
    return text[:1].upper() + text[1:]
