"""A content folder read for the tests, independently of plangen: the plan's
title, languages and period, its words, and its indicators with their values.

The YAML is read with PyYAML's BaseLoader (Debian's python3-yaml), which
resolves nothing: every scalar stays the text it was written as, so a number
is compared as published ("70.0" stays "70.0").  Years are read as plangen
reads them: a Western year, or a year of the Japanese era (令和3年度, 令和元年,
R3, H30) taken as its Western year.

is_seed(content) tells Koriyama's content/ apart, for the checks that hold only
for its document (counts, hand-checked statuses, the seed's text)."""
import os
import re

try:
    import yaml
except ImportError:  # pragma: no cover - said plainly, not as a traceback
    raise SystemExit("the tests read the content with PyYAML: apt-get install python3-yaml")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "content")
THEME = os.path.join(ROOT, "themes", "default")
SLOTS = ("baseline", "current", "target")

# As in plan_era_year() (src/model.c): the era's name or letter, its first year.
ERAS = (("令和", "R", 2019), ("平成", "H", 1989), ("昭和", "S", 1926))


def is_seed(content):
    return os.path.realpath(content) == os.path.realpath(SEED)


def era_year(text):
    """The Western year of an era year (令和3年度 → 2021, R1 → 2019, 平成30年 → 2018), else None."""
    for name, letter, start in ERAS:
        if text.startswith(name):
            rest = text[len(name):]
        elif text[:1] in (letter, letter.lower()) and text[1:2].isdigit():
            rest = text[1:]
        else:
            continue
        if rest.startswith("元"):
            n, rest = 1, rest[1:]
        else:
            digits = ""
            while rest[:1].isdigit() and rest[:1].isascii():
                digits, rest = digits + rest[0], rest[1:]
            n = int(digits) if digits else 0
        if 1 <= n <= 99 and rest in ("", "年度", "年"):
            return start + n - 1
        return None
    return None


def year(text):
    """A fiscal year as plangen reads it: Western, or an era year."""
    text = str(text).strip()
    era = era_year(text)
    return era if era is not None else int(text)


def strip_marks(text):
    """A text without its note marks (※7, ※１１), as the open data writes names
    (text_strip_marks() in src/model.c): no space is left doubled or trailing."""
    out, i = "", 0
    while i < len(text):
        m = re.match(r"※[0-9０-９]+", text[i:])
        if not m:
            out, i = out + text[i], i + 1
            continue
        i += m.end()
        if out.endswith(" "):
            if text[i:i + 1] == " ":
                i += 1
            elif i == len(text):
                out = out[:-1]
    return out


def read_yaml(path):
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader) or {}


def is_null(v):
    return v in ("", "~", "null")


KANA_KANJI = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def fullwidth_parens(t):
    """Each pair of ASCII ( ) that holds kana or kanji, or stands next to them, as （ ）."""
    wide, stack = set(), []
    for i, ch in enumerate(t):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            o = stack.pop()
            near = (o > 0 and KANA_KANJI.match(t[o - 1])) or (i + 1 < len(t) and KANA_KANJI.match(t[i + 1]))
            if KANA_KANJI.search(t[o + 1:i]) or near:
                wide |= {o, i}
    return "".join(("（" if ch == "(" else "）") if i in wide else ch for i, ch in enumerate(t))


class Plan:
    def __init__(self, content, theme=THEME):
        self.content = content
        self.plan = read_yaml(os.path.join(content, "plan.yaml"))
        self.words = dict(read_yaml(os.path.join(theme, "words.yaml")))
        self.own_words = read_yaml(os.path.join(content, "words.yaml"))
        self.words.update(self.own_words)
        self.seed = is_seed(content)

    @property
    def languages(self):
        return list(self.plan.get("languages") or ["ja", "en"])

    def text(self, value, lang):
        """A text by language ({ja: …, en: …}); a plain string is the same in every language.  In
        a language written with spaces, straight quotes are typographic: ' and " open after a
        space, an opening bracket or dash, or at the start, and close elsewhere; in Japanese,
        parentheses are in one width (fullwidth_parens)."""
        if isinstance(value, dict):
            t = value.get(lang) or value.get("ja", "")
        else:
            t = value or ""
        if not isinstance(t, str):
            return t
        if lang[:2] in ("ja", "zh", "ko"):
            return fullwidth_parens(t)
        return re.sub(r"""(?:(?<=^)|(?<=[\s(\[{\u2013\u2014\u201c\u2018]))(["'])|(["'])""",
                      lambda m: {'"': "\u201c", "'": "\u2018"}[m.group(1)] if m.group(1)
                      else {'"': "\u201d", "'": "\u2019"}[m.group(2)], t)

    def title(self, lang):
        return self.text(self.plan.get("title"), lang)

    def word(self, key, lang):
        return self.text(self.words.get(key), lang)

    def period(self, key="period"):
        p = self.plan.get(key)
        return (year(p["from"]), year(p["to"])) if isinstance(p, dict) else None

    def set_period(self, sets, set_id):
        """The years a set covers, as plan_set_period() (src/model.c) gives them: the plan's
        period; with two or more sets and a revised period, the last set has the revised one
        and the others end the year before it starts."""
        start, end = self.period()
        revised = self.period("revised_period")
        ids = [s["id"] for s in sets]
        if len(ids) < 2 or not revised:
            return start, end
        return revised if set_id == ids[-1] else (start, revised[0] - 1)

    def indicators(self):
        """(sets, {id: indicator}): each indicator with set, measure, unit, direction,
        nparts, names, and per slot (state, [number texts], year) — state one of number,
        missing, monitoring, pending, as the open data names them."""
        doc = read_yaml(os.path.join(self.content, "indicators.yaml"))
        sets = doc.get("sets") or []
        years = {s["id"]: {k: year(v) for k, v in s["years"].items()} for s in sets}
        out = {}
        for ind in doc.get("indicators") or []:
            rec = {k: ind.get(k) for k in ("set", "measure", "unit", "direction", "name")}
            rec["nparts"] = len(ind["parts"]) if ind.get("parts") else 1
            # values: {year: number} — the current value is the latest, the baseline (unless
            # written) the one of the set's baseline year.
            series = sorted((year(k), v) for k, v in (ind.get("values") or {}).items())
            rec["series"] = series
            for slot in SLOTS:
                v, y = ind.get(slot), years.get(ind.get("set"), {}).get(slot)
                if series and slot == "current":
                    y, v = series[-1]
                elif series and slot == "baseline" and v is None:
                    v = dict(series).get(y)
                if isinstance(v, dict) and "pending" in v:
                    rec[slot] = ("pending", [], y)
                    continue
                if isinstance(v, dict):
                    if "year" in v:
                        y = year(v["year"])
                    v = v.get("value")
                if v is None or (isinstance(v, str) and is_null(v)):
                    rec[slot] = ("missing", [], y)
                elif v == "monitoring":
                    rec[slot] = ("monitoring", [], y)
                else:
                    rec[slot] = ("number", list(v) if isinstance(v, list) else [v], y)
            out[ind["id"]] = rec
        return sets, out
