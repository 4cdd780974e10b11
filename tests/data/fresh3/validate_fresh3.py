#!/usr/bin/env python3
"""Checks for the fresh3 material (run: python3 validate_fresh3.py). Reads only this folder,
/work/shared/seeds and /work/shared/eval/dev_questions.yaml. Normalisation copied from score.py's docstring rules."""
import difflib, glob, os, re, sys, unicodedata, datetime as dt
from collections import Counter
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
def norm(text):
    text = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = re.sub(r"(?<!\d)0+(\d)(?=/)", r"\1", text)
    text = re.sub(r"(?<=/)0+(\d)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()
SEED = {k: norm(open(glob.glob(f'/work/shared/seeds/{n}_*.txt')[0], encoding='utf-8').read())
        for k, n in [("103-KH", "001"), ("107-KH", "002"), ("Sơn La", "003")]}
errors = []
def err(*a): errors.append(" ".join(map(str, a)))

load = lambda f: yaml.safe_load(open(os.path.join(HERE, f), encoding='utf-8'))
qt, qh, st, sh = (load(f) for f in ("questions_tune.yaml", "questions_holdout.yaml", "status_tune.yaml", "status_holdout.yaml"))
for name, got, want in [("questions_tune", qt, 100), ("questions_holdout", qh, 50), ("status_tune", st, 60), ("status_holdout", sh, 30)]:
    if len(got) != want: err(name, "count", len(got), "!=", want)
Q, S = qt + qh, st + sh
ids = [x['id'] for x in Q] + [x['id'] for x in S]
if len(ids) != len(set(ids)): err("duplicate ids")
if sorted(x['id'] for x in Q) != [f"f3-{i:03d}" for i in range(1, 151)]: err("question ids not f3-001..150")
if sorted(x['id'] for x in S) != [f"s3-{i:03d}" for i in range(1, 91)]: err("status ids not s3-001..090")
# split rule: every third original item is holdout
for x in qh + sh:
    if int(x['id'][3:]) % 3: err(x['id'], "in holdout but not a multiple of 3")
for x in qt + st:
    if int(x['id'][3:]) % 3 == 0: err(x['id'], "in tune but a multiple of 3")

KINDS = {"deadline", "fact", "outline", "upcoming", "unit", "out_of_scope"}
DOCS = {"103-KH", "107-KH", "Sơn La"}
for x in Q:
    if set(x) - {"id", "q", "kind", "today", "doc", "expect_all", "expect_any", "exclude"}: err(x['id'], "unknown keys")
    if x['kind'] not in KINDS: err(x['id'], "kind")
    if 'today' in x and (not isinstance(x['today'], str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x['today'])): err(x['id'], "today not a quoted date")
    if x['kind'] == 'upcoming' and 'today' not in x: err(x['id'], "upcoming without today")
    if x['kind'] == 'out_of_scope':
        if any(k in x for k in ('expect_all', 'expect_any', 'doc')): err(x['id'], "oos with expectations")
        continue
    if not x.get('expect_all') and not x.get('expect_any'): err(x['id'], "no expectation")
    docs = x.get('doc') or []
    if set(docs) - DOCS: err(x['id'], "bad doc")
    if x['kind'] != 'upcoming' and len(docs) != 1: err(x['id'], "in-scope non-upcoming item must cite exactly one doc")
    hay = " ".join(SEED[d] for d in docs) if docs else " ".join(SEED.values())
    for it in x.get('expect_all', []) + x.get('expect_any', []):
        opts = it if isinstance(it, list) else [it]
        # the first alternative must be literal in the seed (the others are only format variants)
        if norm(opts[0]) not in hay: err(x['id'], "fragment not in seed:", opts[0])
    if x['kind'] == 'deadline':
        dates = set(re.findall(r"\b\d{1,2}/\d{1,2}/\d{4}\b", " ".join(norm(i if isinstance(i, str) else i[0]) for i in x.get('expect_all', []))))
        if len(dates) > 4: err(x['id'], "expects more than MAX_DATES dates")

c = Counter(x['kind'] for x in Q)
nfd = [x['id'] for x in Q if not unicodedata.is_normalized('NFC', x['q'])]
asc = [x['id'] for x in Q if x['q'].isascii()]
print("questions:", len(Q), dict(c), "| NFD:", len(nfd), "| ASCII:", len(asc),
      "| holdout kinds:", dict(Counter(x['kind'] for x in qh)))
if c['out_of_scope'] != 30: err("out_of_scope count", c['out_of_scope'])

# near-duplicates of dev questions (same words); out_of_scope near misses must not be near-copies either
dev = yaml.safe_load(open('/work/shared/eval/dev_questions.yaml', encoding='utf-8'))
words = lambda s: set(re.findall(r"\w+", norm(s)))
for x in Q:
    for d in dev:
        r = difflib.SequenceMatcher(None, norm(x['q']), norm(d['q'])).ratio()
        a, b = words(x['q']), words(d['q'])
        j = len(a & b) / len(a | b)
        if r >= 0.68 or j >= 0.5: err(x['id'], f"too close to {d['id']} (ratio {r:.2f}, jaccard {j:.2f})")
# and among themselves
for i, x in enumerate(Q):
    for y in Q[i + 1:]:
        if difflib.SequenceMatcher(None, norm(x['q']), norm(y['q'])).ratio() >= 0.85: err(x['id'], y['id'], "near-identical pair")

STAT = {"done", "in_progress", "not_started", "blocked", "extension", "ask", None}
PLAN_NUMS = [norm(p) for p in ("103-KH/ĐUK", "107-KH/ThU", "103-KH", "107-KH")]
for x in S:
    if set(x) - {"id", "text", "today", "status", "percent", "evidence", "date"}: err(x['id'], "unknown keys")
    if x['status'] not in STAT: err(x['id'], "status", x['status'])
    t = dt.date.fromisoformat(x['today'])
    if 'evidence' in x:
        if x['evidence'] not in x['text']: err(x['id'], "evidence not copied exactly")
        if any(p in norm(x['evidence']) for p in PLAN_NUMS): err(x['id'], "plan number used as evidence")
    if 'percent' in x and not isinstance(x['percent'], int): err(x['id'], "percent not int")
    if 'date' in x:
        if x['status'] not in ('done', 'extension'): err(x['id'], "date on a non done/extension item")
        d = dt.date.fromisoformat(x['date'])
        if x['status'] == 'done' and d > t: err(x['id'], "sent date after today")
        if x['status'] == 'extension' and d <= t: err(x['id'], "extension date not after today")
    if x['status'] is None and any(k in x for k in ('percent', 'evidence', 'date')): err(x['id'], "null with fields")
print("status:", len(S), dict(Counter(str(x['status']) for x in S)), "| holdout:", dict(Counter(str(x['status']) for x in sh)))
# relative-date spot checks (weekday arithmetic)
def by_text(sub): return next(x for x in S if sub in x['text'])
def chk(sub, days=None, want=None):
    x = by_text(sub); t = dt.date.fromisoformat(x['today'])
    if want(t) != dt.date.fromisoformat(x['date']): err(x['id'], "relative date wrong", want(t), x['date'])
mon = lambda t: t - dt.timedelta(days=t.weekday())
chk("Thứ 6 tuần trước", want=lambda t: mon(t) - dt.timedelta(days=3))
chk("thứ năm tuần rồi", want=lambda t: mon(t) - dt.timedelta(days=4))
chk("nộp hôm thứ hai", want=lambda t: mon(t))
chk("thứ sáu này", want=lambda t: mon(t) + dt.timedelta(days=4))
chk("thứ hai tuần sau", want=lambda t: mon(t) + dt.timedelta(days=7))
chk("hôm qua em gửi", want=lambda t: t - dt.timedelta(days=1))
chk("hôm kia", want=lambda t: t - dt.timedelta(days=2))
chk("9h sáng qua", want=lambda t: t - dt.timedelta(days=1))
chk("cuối tháng", want=lambda t: (t.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1))
print("ERRORS:" if errors else "all checks passed", *errors, sep="\n")
sys.exit(1 if errors else 0)
