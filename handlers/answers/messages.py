"""Before answering: a message that is only courtesy ("dạ rõ", "cảm ơn đồng chí", "🙏"), and a
message that asks two things ("bc 6 tháng vs bc năm hạn khi nào", "…? …?")."""

from __future__ import annotations

import re

from handlers.answers.phrases import at, find
from knowledge.cues import QuestionCues
from knowledge.index import SearchIndex
from knowledge.textnorm import Token, fold, has_diacritics

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_CONJUNCTIONS = frozenset({"vs", "va", "voi", "hay", "hoac", "cung", "lan"})
_QUESTION_END = re.compile(r"[?;\n]+")
_LIST_JOIN = re.compile(r"\s+(?:và|với|cùng|hay)\s+|,\s*", re.IGNORECASE)
MIN_PART_WORDS = 3
# "(cho hỏi) 2 việc: …": how many things are asked, not a count the plans must state.
_COUNT_OF_QUESTIONS = re.compile(r"^\s*(?:\d+|hai|ba)\s+(?:việc|ý|câu|vấn đề|điều)\s*[:,]\s*",
                                 re.IGNORECASE)
MAX_LEAD_IN = 10  # "Kế hoạch năm 2024 của Tỉnh ủy Sơn La ghi …": words before the verb
FOCUS_WORDS = 6  # an asking sentence this long stands on its own
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_OF_PLAN = ("issued", "signer", "number", "basis", "recipients")


def small_talk(text: str, cues: QuestionCues, index: SearchIndex) -> bool:
    return small_talk_tokens(index.lexicon.normalize(text), cues, index)


def small_talk_tokens(tokens: list[Token], cues: QuestionCues, index: SearchIndex) -> bool:
    """Only greetings, thanks, acknowledgements and words that carry no subject, and nothing
    that asks ("tháng này có những hạn nào" asks, with words that carry no subject)."""
    keys = tuple(t.key for t in tokens)
    phrases = cues.phrases("small_talk")
    present = set(keys)
    if any(cue[0] in present and find(keys, cue) >= 0 and cue not in phrases
           for cue in cues.kinds.get("late", ())):
        return False  # "như vậy có kịp hạn không": asks whether a day is in time
    rest = list(keys)  # the words outside courtesy phrases ("đúng hạn" asks nothing)
    position = 0
    while position < len(keys):
        phrase = at(keys, position, phrases)
        if phrase is not None:
            rest[position : position + len(phrase)] = [""] * len(phrase)
            position += len(phrase)
            continue
        if not index.is_stopword(tokens[position]):
            return False
        position += 1
    asking = [c for kind, cs in cues.kinds.items() if kind != "question" for c in cs]
    left = tuple(rest)
    return not any(find(left, cue) >= 0
                   for cue in (*asking, *(w for w, _, _ in cues.relative_windows)))


def without_introduction(text: str, cues: QuestionCues) -> str:
    """"Em là Thuý, văn phòng Đảng uỷ Sở Tư pháp, cho em hỏi …": the question after the
    words that open it, when what stands before them asks nothing (a name, a unit, a
    greeting are not constraints on the answer)."""
    words = list(_WORD.finditer(text))
    keys = tuple(fold(m.group(0)) for m in words)
    openers = cues.phrases("ask_openers")
    for index in range(len(keys)):
        opener = at(keys, index, openers)
        if opener is None or index + len(opener) >= len(keys):
            continue
        typed = tuple(m.group(0).lower() for m in words[index:index + len(opener)])
        written = cues.spelled_lists.get(opener)
        if written and any(has_diacritics(w) for w in typed) and typed != written:
            continue  # "cho hội nghị" is no "cho hỏi"
        if index and _asks(text[:words[index].start()], cues):
            return text
        return _COUNT_OF_QUESTIONS.sub("", text[words[index + len(opener) - 1].end():]
                                       .lstrip(" ,:"), count=1)
    return _COUNT_OF_QUESTIONS.sub("", text, count=1)


def without_plan_lead_in(text: str, cues: QuestionCues) -> str:
    """"Kế hoạch Sơn La ghi Chỉ thị 05-CT/TW của Bộ Chính trị ngày bao nhiêu?": the question
    is the cited document's; the words that say which plan cites it lead in to it."""
    words = list(_WORD.finditer(text))
    keys = tuple(fold(m.group(0)) for m in words)
    if keys[:2] != ("ke", "hoach") and keys[:1] != ("kh",):
        return text
    verbs = cues.phrases("lead_in_verbs")
    kinds = [form for forms in cues.document_kinds.values() for form in forms]
    for index in range(1, min(len(keys), MAX_LEAD_IN)):
        verb = at(keys, index, verbs)
        if verb is None:
            continue
        after = index + len(verb)
        if any(keys[after:after + len(k)] == k for k in kinds) and after < len(words):
            return text[words[after].start():]
    return text


def without_purpose(text: str, cues: QuestionCues) -> str:
    """"… dự kiến tổ chức tháng mấy để em còn lo kinh phí?": the question without the clause
    that says why it is asked (its words, "kinh phí", are not what is asked for)."""
    words = list(_WORD.finditer(text))
    keys = tuple(fold(m.group(0)) for m in words)
    openers = cues.phrases("purpose_openers")
    for index in range(1, len(keys)):
        if at(keys, index, openers) is not None and _asks(text[:words[index].start()], cues):
            return text[:words[index].start()].rstrip(" ,") + (
                "?" if text.rstrip().endswith("?") else "")
    return text


def without_self_introduction(text: str, cues: QuestionCues) -> str:
    """"Em ở chi bộ trường THPT Quyết Thắng, bản kế hoạch cá nhân … nộp hôm nào?": who asks
    is no constraint on the answer, unless the question speaks of them ("bên em", "đơn vị
    mình": then the unit they named is what it asks of)."""
    keys = tuple(fold(w) for w in _WORD.findall(text))
    if at(keys, 0, cues.phrases("self_introductions")) is None:
        return text
    parts = re.split(r"[,:.;]", text, maxsplit=1)  # "Em bên Đoàn Khối ạ: …"
    rest = parts[1] if len(parts) == 2 else ""
    rest_keys = tuple(fold(w) for w in _WORD.findall(rest))
    if not rest or not _asks(rest, cues) or any(
            find(rest_keys, ref) >= 0 for ref in cues.phrases("self_references")):
        return text
    return rest.strip()


def without_courtesy(text: str, cues: QuestionCues, index: SearchIndex) -> str:
    """"…, em cảm ơn chị nhiều": a clause of thanks or greeting at either end asks nothing
    and is not part of the question."""
    clauses = [c for c in re.split(r"(?<=[,.!?;])\s+", text) if c.strip()]
    while len(clauses) > 1 and small_talk(clauses[-1], cues, index):
        clauses.pop()
    while len(clauses) > 1 and small_talk(clauses[0], cues, index):
        clauses.pop(0)
    return " ".join(clauses)


_TODAY_DATE = re.compile(r"^(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?"
                         r"(?:\s+(?:roi|a|nhe|nha|day))*\s*$")


def without_today_remark(text: str, cues: QuestionCues) -> str:
    """"Hôm nay 12/3 rồi, mấy ngày tới có hạn gì gấp không?": the question without the
    clause that says what day it is (that date is the day asked on, not the task's)."""
    clauses = re.split(r"(?<=[,.!;])\s+", text)
    if len(clauses) < 2:
        return text
    remarks = cues.phrases("today_remarks")
    for number, clause in enumerate(clauses):
        folded = " ".join(re.sub(r"\s*/\s*", "/", fold(clause).lower()).strip(" ,.!;").split())
        for remark in remarks:  # longest first
            opening = " ".join(remark)
            if folded.startswith(opening + " ") and _TODAY_DATE.match(
                    folded[len(opening) + 1:]):
                return " ".join(clauses[:number] + clauses[number + 1:])
    return text


def focus(text: str, cues: QuestionCues) -> str:
    """A long message that tells a story and asks in one sentence ("Tuần trước họp chi bộ
    mọi người bàn mãi… Chị xem giúp em theo KH 103 thì hạn gửi báo cáo là ngày nào"): that
    sentence, when it says enough on its own; the story's dates are not what is asked."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]
    if len(sentences) < 2 or sum(s.endswith("?") for s in sentences) > 1:
        return text  # "… mẫu số mấy? Còn mô hình theo mẫu nào?": two questions, not a story
    strong = [kind for kind in cues.kinds if kind != "question"]
    asking = [s for s in sentences if _asks_as(s, cues, strong)]
    if len(asking) == 1 and len(_WORD.findall(asking[0])) >= FOCUS_WORDS:
        return asking[0]
    return text


def _asks_as(text: str, cues: QuestionCues, kinds: list[str]) -> bool:
    keys = tuple(fold(w) for w in _WORD.findall(text))
    return any(at(keys, i, cues.kinds.get(kind, ())) for kind in kinds
               for i in range(len(keys)))


def split(text: str, cues: QuestionCues) -> list[str]:
    """The questions a message asks: sentences that each ask something, or two subjects
    joined before one shared question ("báo cáo 6 tháng và báo cáo năm hạn khi nào?")."""
    parts = [p.strip() for p in _QUESTION_END.split(text) if p.strip()]
    asking = [p for p in parts if len(_WORD.findall(p)) >= MIN_PART_WORDS and _asks(p, cues)]
    if len(asking) >= 2 and len(asking) == len(parts):
        return asking
    return (_listed_before_colon(text, cues) or _coordinated(text, cues) or _marked(text, cues)
            or [text])


def _listed_before_colon(text: str, cues: QuestionCues) -> list[str] | None:
    """"Bản cam kết và việc xác định nội dung đột phá: hạn từng việc là khi nào?": each thing
    named before the colon, asked the question after it."""
    head, colon, asked = text.partition(":")
    if not colon or not _asks(asked, cues) or _asks(head, cues):
        return None
    things = [t.strip(" ,") for t in _LIST_JOIN.split(head) if t.strip(" ,")]
    if len(things) < 2 or any(len(_WORD.findall(t)) < 1 for t in things):
        return None
    return [f"{thing} {asked.strip()}" for thing in things]


TOPIC_REACH = 3  # "quý 4 thì …": how many words a subject set apart by "thì" may have
# Words that make "… thì" a condition or a sequel of the first question, not a new subject.
_NOT_TOPICS = frozenset({"neu", "vay", "the", "roi", "xong", "co", "khong", "sau", "khi"})


def _marked(text: str, cues: QuestionCues) -> list[str] | None:
    """Two questions a comma and a word that opens the second one part ("… trước ngày nào,
    còn hội nghị sơ kết phải xong trước ngày nào"): each part asks on its own."""
    marks = cues.phrases("second_question_marks")
    words = [(fold(m.group(0)), m.start()) for m in _WORD.finditer(text)]
    keys = tuple(k for k, _ in words)
    for index in range(1, len(words)):
        start = words[index][1]
        if text[:start].rstrip()[-1:] not in (",", ":"):
            continue
        first, second = _without_lead_in(text[:start].rstrip(" ,:"), cues), text[start:]
        # "…, quý 4 thì làm gì": a subject set apart by "thì" opens a question of its own
        topic = "thi" in keys[index + 1:index + 1 + TOPIC_REACH] and not any(
            k in _NOT_TOPICS for k in keys[index:index + 1 + TOPIC_REACH])  # "nếu có thì …"
        if at(keys, index, marks) is not None or topic:
            second = _completed(second, first, cues)
            if _asks(first, cues) and _asks(second, cues):
                return [first, second]
        elif (kinds := (_asks_of_plan(first, cues), _asks_of_plan(second, cues)))[0] != \
                kinds[1] and all(_asks(part, cues) and len(_WORD.findall(part)) >= 2
                                 for part in (first, second)) and (
                None not in kinds or len(_WORD.findall(second)) >= MIN_PART_WORDS):
            # "KH 107 ban hành ngày nào, ai ký?" asks two things; "… hướng dẫn số mấy, ngày
            # nào?" asks one: the date of that guidance
            return [first, second]
    return None


def _completed(second: str, first: str, cues: QuestionCues) -> str:
    """"…, còn bc 6 tháng thì sao": the second asks what the first did ("hạn ngày nào")."""
    words = list(_WORD.finditer(second))
    keys = tuple(fold(m.group(0)) for m in words)
    ellipsis = cues.phrases("ellipsis_asks")
    tail = next((i for i in range(len(keys)) if at(keys, i, ellipsis) == keys[i:]), None)
    if tail is None or not words:
        return second
    asked = list(_WORD.finditer(first))
    first_keys = tuple(fold(m.group(0)) for m in asked)
    deadline = cues.kinds.get("deadline", ())
    cue = next((i for i in range(len(first_keys)) if at(first_keys, i, deadline)), None)
    if cue is None:
        return second
    return f"{second[:words[tail].start()].rstrip()} {first[asked[cue].start():]}"


def _asks_of_plan(text: str, cues: QuestionCues) -> str | None:
    """The kind of plan-wide fact a part asks for (who signed, when issued…), if any."""
    keys = tuple(fold(w) for w in _WORD.findall(text))
    for kind in _OF_PLAN:
        if any(at(keys, i, cues.kinds.get(kind, ())) for i in range(len(keys))):
            return kind
    return None


def _without_lead_in(text: str, cues: QuestionCues) -> str:
    """"cho hỏi 2 việc: bc sơ kết gửi trước ngày nào": what stands before a colon and asks
    for no time announces the questions; it is not one of them."""
    head, colon, rest = text.rpartition(":")
    if not colon or not rest.strip():
        return text
    keys = tuple(fold(w) for w in _WORD.findall(head))
    if any(at(keys, i, cues.kinds.get("deadline", ())) for i in range(len(keys))):
        return text
    return rest.strip()


def _asks(text: str, cues: QuestionCues) -> bool:
    return _asks_as(text, cues, ["deadline", "question"])


def _coordinated(text: str, cues: QuestionCues) -> list[str] | None:
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    keys = [fold(w) for w, _, _ in words]
    for index, key in enumerate(keys):
        if key not in _CONJUNCTIONS or index + 1 >= len(keys):
            continue
        if index and keys[index - 1].isdigit() and keys[index + 1].isdigit():
            continue  # "15/1 hay 15/2": a choice of dates for one thing, not two things
        head = keys[index + 1]
        starts = [i for i in range(index) if keys[i] == head]
        if not starts:
            continue
        first = starts[-1]
        shared = 0
        while (first + shared < index and index + 1 + shared < len(keys)
               and keys[first + shared] == keys[index + 1 + shared]):
            shared += 1
        own = index - first - shared  # the words that tell the first subject from the other
        if own < 1 or index + 1 + shared >= len(keys):
            continue  # "bc 6 tháng vs bc": no second subject
        if shared and at(tuple(keys), first, cues.kinds.get("deadline", ())):
            # "hạn học chuyên đề quý I với hạn gửi bc quý I, mỗi cái ngày nào": each "hạn …"
            # names its own task, up to where the shared question begins.
            second = _until_asked(keys, index + 1 + shared, cues)
        else:
            second = _second_length(keys, index + 1 + shared, own, keys[first + shared])
            ends = [i for i in range(index + 1 + shared,
                                     min(len(keys), index + 1 + shared + second))
                    if (keys[i],) in cues.phrases("not_qualifiers")]
            second = min(second, ends[0] - (index + 1 + shared)) if ends else second
        if second < 1:
            continue  # "báo cáo quý I và báo cáo năm | của Thành ủy": "của" ends the subject
        tail_at = index + 1 + shared + second
        if tail_at >= len(keys):
            continue
        prefix = text[:words[first][1]]
        left = text[words[first][1]:words[index - 1][2]]
        rest = text[words[index + 1][1]:]
        tail = text[words[tail_at][1]:]
        return [f"{prefix}{left} {tail}".strip(), f"{prefix}{rest}".strip()]
    return None


def _until_asked(keys: list[str], start: int, cues: QuestionCues) -> int:
    """How many words from ``start`` come before the first word that asks."""
    asking = (*cues.kinds.get("deadline", ()), *cues.kinds["question"])
    folded = tuple(keys)
    return next((i - start for i in range(start, len(keys)) if at(folded, i, asking)),
                len(keys) - start)


def _second_length(keys: list[str], start: int, own: int, first_own: str) -> int:
    """How many words tell the second subject: "năm" after "6 tháng", "tập thể" after "cá
    nhân"."""
    if keys[start].isdigit():
        return 2
    if first_own.isdigit():
        return 1
    return own
