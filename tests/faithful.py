#!/usr/bin/env python3
"""Faithfulness test: every sentence and every number-with-unit of the seed booklet text must
be found in the Japanese content (or, with --text, in the given text files).

usage: tests/faithful.py [--content DIR] [--seed FILE] [--text FILE]... [--verbose]
       tests/faithful.py --self-test [--content DIR] [--seed FILE]

  --content DIR   the content folder (default: content/ of the repository)
  --seed FILE     the booklet text (default: ../shared/seed/000_bfd9e7cf7e62170b.txt, relative
                  to the repository root, the parent of tests/)
  --text FILE     search only in these files (repeatable), e.g. the text of the generated site
                  or of the PDF, instead of the content
  --verbose       also list the captions found only without their generated labels
  --self-test     prove that the check can fail (see below)

Only the Python standard library is used; the YAML is not parsed, it is read as text.

What is searched
  Without --text: the raw text of every content/*.yaml file plus every content/ja/**/*.md file.
  YAML comments (`#` at the start of a line or after a blank, outside double quotes) are left
  out, YAML escapes in double-quoted text are decoded (`\\n`, `\\"`). In the Markdown, a link
  keeps only its text: a footnote reference `[※1](#note-1)` becomes `※1`.
  With --text: only the given files (the same link stripping is applied to them).

Normalization (both sides)
  Unicode NFKC, then all white space is removed (the seed's extraction put spaces inside
  "2018 年 3 月"). Only for finding numbers, a run of white space between two digits is kept as
  a boundary, so that "5 2,216件" is not read as "52,216件". In the seed, superscript marks
  `^{※1}` become `※1` (NFKC already turns `※¹⁰` into `※10`).

Items of the seed
  * Table lines (lines containing a tab) give no sentences, only numbers-with-unit (cell by
    cell).
  * Every other line is prose, split after each 。 (the 。 is kept). A piece of at least 8
    characters (after normalization) is an item. A leading list mark ("- " of the bullet lines
    of part II, "・" of the headings of part I) is not part of the item.
  * An item is a *caption* when its line contains no 。 and is not a bullet line: headings,
    captions of charts and photos (most pictures are lost), labels of the diagram. Captions may
    be missing within the 1% budget. Every other item (a sentence with 。, the rest of a line
    after its last 。, a bullet line) is a *sentence* and must be found.
  * An item is found when its normalized text occurs in the normalized searched text.
  * Generated labels. Some headings of the booklet are put together by plangen from several
    fields plus words of its own, so the content cannot hold them as one string. A caption
    (never a sentence) that is not found as a whole is also found when, after taking out the
    parts plangen writes itself, every remaining part is found. Those parts (regex GENERATED):
      - numbering from the order: "3", "4-1", "基本方針1", "基本施策4", "3【施策1】" at the start
        (not a year or a number-with-unit);
      - a period in brackets "【2022年度~2025年度】" / "(2018年度~2025年度)": the brackets go,
        the period itself must be found;
      - the table labels 基本指標, 全体指標, 指標の見直し一覧;
      - the colophon labels 編集, 発行, 策定, 一部見直し, 〒 (the postcode must be found), TEL,
        FAX, E-mail:;
      - brackets enclosing the whole caption: "(2018年度以降の国等の主な動き)".
    Their number is printed in a "note:" line; --verbose lists them.

Numbers-with-unit
  Every occurrence in the seed of a number (digits, optional thousands commas, optional
  decimals) directly followed (after white-space removal) by one of the units
      件 人 % 点 回 法人 団体 事業者 g 年 年度 月 日 位 万円 円 歳 市町村 町内会 項目
  (the longest unit wins: 2018年度 is read as 年度; "4 人材の育成と活用" is no number of
  people). A number-with-unit is found when
    (a) the token, as written ("2,216件"), occurs in the searched text, not preceded by a digit,
        "." or "," and (for the unit 年) not followed by 度; or
    (b) only when the content is searched (not with --text): the bare number, commas removed,
        occurs as a standalone number in the content YAML (not part of a longer number, a word,
        an id or a dash-joined code like a phone number). YAML stores values plainly ("2216",
        the unit comes from the indicator), so the unit is not checked there. A trailing ".0"
        is allowed either way: 75% is found by 75.0 and 70.0% by 70.
  Every number-with-unit must be found.

Output and exit status
  Each missing item is printed with its seed line number, then a summary line
      faithful: 412 of 414 sentences, 380 of 380 numbers-with-unit found (99.5%)
  ("sentences" counts all items, captions included; the percentage is of those). Exit 0 when at
  least 99% of the items are found and every sentence (non-caption) and every
  number-with-unit is found; else exit 1.

--self-test
  Copies the content to a temporary folder, checks that the copy passes for one known sentence
  of a ja Markdown file and one number that is only in a YAML file, then deletes that sentence
  and replaces that number by `~`, runs the check on the copy and exits 0 only if the check then
  fails (exit 1) and reports both as missing.
"""
import argparse
import difflib
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CONTENT = os.path.join(ROOT, "content")
DEFAULT_SEED = os.path.join(ROOT, "..", "shared", "seed", "000_bfd9e7cf7e62170b.txt")

MIN_ITEM = 8
BUDGET = 0.99
UNITS = ["件", "人", "%", "点", "回", "法人", "団体", "事業者", "g", "年", "年度", "月", "日",
         "位", "万円", "円", "歳", "市町村", "町内会", "項目"]
UNITS.sort(key=len, reverse=True)                      # longest first: 年度 before 年
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
TOKEN_RE = re.compile(r"(?<![\d.,])(" + NUM + r")(" + "|".join(map(re.escape, UNITS)) + r")")
# a unit that is the beginning of a longer unit: the token must not be followed by the rest
LONGER = {u: [v[len(u):] for v in UNITS if v != u and v.startswith(u)] for u in UNITS}
TOKEN_RE = re.compile(TOKEN_RE.pattern + r"(?!(?<=人)材)")     # "4 人材の育成": no number of people
BOUNDARY = "\x01"                                       # white space between two digits

# Parts of headings and captions that plangen writes itself (numbers from the order, labels of
# generated tables and of the colophon). A group, when it matched, is a value that must be found.
GENERATED = re.compile(
    r"^(?:基本方針|基本施策)?\d{1,2}(?:-\d+)?(?:【施策\d+】)?(?![\d.,年月日])"  # numbering
    r"|[(【](\d{4}年度~\d{4}年度)[)】]"                    # a period (plan.yaml, indicator sets)
    r"|基本指標|全体指標|指標の見直し一覧"                # labels of generated tables
    r"|^編集|^発行|策定$|一部見直し$|〒(\d{3}-\d{4})|TEL|FAX|E-mail:")  # colophon labels


# ---------------------------------------------------------------------------- normalization

def nfkc(s):
    return unicodedata.normalize("NFKC", s)


def norm(s):
    """NFKC, all white space removed."""
    return re.sub(r"\s+", "", nfkc(s))


def norm_num(s):
    """NFKC, white space removed, but kept as a boundary between two digits."""
    s = nfkc(s)
    s = re.sub(r"(?<=\d)\s+(?=\d)", BOUNDARY, s)
    return re.sub(r"\s+", "", s)


def prep_seed(s):
    return re.sub(r"\^\{([^}]*)\}", r"\1", s)             # ^{※1} -> ※1


def strip_markdown(s):
    return re.sub(r"\[([^\]\n]*)\]\([^)\n]*\)", r"\1", s)  # [※1](#note-1) -> ※1


def strip_yaml_comments(text):
    out = []
    for line in text.split("\n"):
        inq = False
        cut = None
        i = 0
        while i < len(line):
            c = line[i]
            if inq and c == "\\":
                i += 2
                continue
            if c == '"':
                inq = not inq
            elif c == "#" and not inq and (i == 0 or line[i - 1] in " \t"):
                cut = i
                break
            i += 1
        out.append(line if cut is None else line[:cut])
    return "\n".join(out)


def decode_yaml_escapes(text):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


# ---------------------------------------------------------------------------- seed items

class Item:
    def __init__(self, line, kind, text, shown):
        self.line, self.kind, self.text, self.shown = line, kind, text, shown


def seed_items(path):
    """(items, tokens): items are sentences and captions, tokens are numbers-with-unit."""
    items, tokens = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for no, raw in enumerate(lines, 1):
        line = prep_seed(raw)
        if "\t" in line:
            for cell in line.split("\t"):
                tokens += [Item(no, "number", m.group(0), m.group(0))
                           for m in TOKEN_RE.finditer(norm_num(cell))]
            continue
        tokens += [Item(no, "number", m.group(0), m.group(0))
                   for m in TOKEN_RE.finditer(norm_num(line))]
        s = nfkc(line).strip()
        bullet = s.startswith("- ")
        if bullet:
            s = s[2:]
        s = s.lstrip("・")
        n = norm(s)
        has_maru = "。" in n
        for piece in re.findall(r"[^。]*。|[^。]+$", n):
            if len(piece) < MIN_ITEM:
                continue
            kind = "sentence" if (has_maru or bullet) else "caption"
            items.append(Item(no, kind, piece, piece))
    return items, tokens


# ---------------------------------------------------------------------------- searched text

def content_files(content):
    yamls = sorted(glob.glob(os.path.join(content, "*.yaml")))
    mds = sorted(glob.glob(os.path.join(content, "ja", "**", "*.md"), recursive=True))
    return yamls, mds


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def load_search(content, texts):
    """(text, numtext, yaml_text, lines): the searched text normalized for items and for
    numbers (files joined by NUL, which never matches), the content YAML for bare numbers (None
    with --text), and the normalized lines of the searched files (for hints)."""
    parts = []
    yaml_text = None
    if texts:
        for p in texts:
            parts.append(strip_markdown(read(p)))
    else:
        yamls, mds = content_files(content)
        if not yamls and not mds:
            sys.exit(f"faithful: no content found in {content}")
        ys = [decode_yaml_escapes(strip_yaml_comments(read(p))) for p in yamls]
        parts += ys
        parts += [strip_markdown(read(p)) for p in mds]
        yaml_text = nfkc("\n\n".join(ys))
    lines = [norm(l) for p in parts for l in p.split("\n")]
    return ("\x00".join(norm(p) for p in parts), "\x00".join(norm_num(p) for p in parts),
            yaml_text, lines)


def bare_variants(num):
    bare = num.replace(",", "")
    vs = [bare]
    if "." not in bare:
        vs.append(bare + ".0")
    elif re.fullmatch(r"\d+\.0", bare):
        vs.append(bare[:-2])
    return vs


def standalone_re(v):
    return re.compile(r"(?<![\w.\-])" + re.escape(v) + r"(?![\w\-]|\.\d)")


def token_found(tok, numtext, yaml_text):
    m = TOKEN_RE.fullmatch(tok)
    num, unit = m.group(1), m.group(2)
    after = "".join("(?!" + re.escape(r) + ")" for r in LONGER[unit])
    if re.search(r"(?<![\d.,])" + re.escape(tok) + after, numtext):
        return True
    # The same number written with or without a trailing ".0" and the same unit
    # (the seed's revision list writes 75%, its tables 75.0%: one value).
    for v in bare_variants(num)[1:]:
        if "," in num:
            continue
        if re.search(r"(?<![\d.,])" + re.escape(v + unit) + after, numtext):
            return True
    if yaml_text is not None:
        return any(standalone_re(v).search(yaml_text) for v in bare_variants(num))
    return False


# ---------------------------------------------------------------------------- the check

def caption_parts(caption):
    """The parts of a caption that remain when its generated labels are taken out, or None
    when it has no generated label."""
    m = re.fullmatch(r"[(【]([^()【】]*)[)】]", caption)      # brackets around the whole caption
    if m:
        return [m.group(1)] if m.group(1) else None
    if not GENERATED.search(caption):
        return None
    return [p for p in GENERATED.split(caption) if p]


def item_found(it, text):
    """'as-is', 'parts' (a caption found without its generated labels) or None."""
    if it.text in text:
        return "as-is"
    if it.kind == "caption":
        parts = caption_parts(it.text)
        if parts and all(p in text for p in parts):
            return "parts"
    return None


def nearest(item, pieces):
    best = difflib.get_close_matches(item, pieces, n=1, cutoff=0.6)
    return best[0] if best else None


def check(content, seed, texts, verbose=False, out=sys.stdout):
    items, tokens = seed_items(seed)
    text, numtext, yaml_text, lines = load_search(content, texts)
    how = [(it, item_found(it, text)) for it in items]
    missing_items = [it for it, h in how if h is None]
    by_parts = [it for it, h in how if h == "parts"]
    missing_tokens = [t for t in tokens if not token_found(t.text, numtext, yaml_text)]

    pieces = sorted({q for l in lines for q in re.findall(r"[^。]*。|[^。]+$", l)
                     if len(q) >= MIN_ITEM})
    for k, it in enumerate(missing_items):
        label = "sentence" if it.kind == "sentence" else "caption (budget)"
        print(f"seed:{it.line}: missing {label}: {it.shown}", file=out)
        near = nearest(it.text, pieces) if k < 50 else None
        if near:
            print(f"    nearest in searched text: {near}", file=out)
    for t in missing_tokens:
        print(f"seed:{t.line}: missing number-with-unit: {t.shown}", file=out)

    if verbose:
        for it in by_parts:
            print(f"seed:{it.line}: found without generated labels: {it.shown} -> "
                  + " + ".join(caption_parts(it.text)), file=out)
    if by_parts:
        print(f"note: {len(by_parts)} captions found without their generated labels "
              f"(numbering, 基本指標【…】, colophon labels){'' if verbose else '; --verbose lists them'}",
              file=out)

    n_items, n_tokens = len(items), len(tokens)
    f_items = n_items - len(missing_items)
    f_tokens = n_tokens - len(missing_tokens)
    pct = 100.0 * f_items / n_items if n_items else 100.0
    print(f"faithful: {f_items} of {n_items} sentences, {f_tokens} of {n_tokens} "
          f"numbers-with-unit found ({pct:.1f}%)", file=out)
    strict_missing = [it for it in missing_items if it.kind == "sentence"]
    ok = (f_items >= BUDGET * n_items) and not strict_missing and not missing_tokens
    return 0 if ok else 1


# ---------------------------------------------------------------------------- self-test

KNOWN_SENTENCE = "世界的な気候変動と地球温暖化は、私たちの生活に直結する大きな課題です。"


def self_test(content, seed):
    items, tokens = seed_items(seed)
    yamls, mds = content_files(content)
    md_text = {p: read(p) for p in mds}

    # a sentence written verbatim, once, in one ja Markdown file
    candidates = [KNOWN_SENTENCE] + [it.text for it in items if it.kind == "sentence"]
    sentence = md_file = None
    for c in candidates:
        hits = [p for p, t in md_text.items() if t.count(c) == 1]
        others = sum(t.count(c) for t in md_text.values())
        if len(hits) == 1 and others == 1:
            sentence, md_file = c, hits[0]
            break
    if sentence is None:
        print("self-test: FAIL: no seed sentence is written verbatim in a ja Markdown file")
        return 1

    # a number-with-unit that is only in the YAML, as `key: NUMBER`, once
    _, numtext, yaml_text, _ = load_search(content, [])
    number = yaml_file = None
    for t in tokens:
        num, unit = TOKEN_RE.fullmatch(t.text).groups()
        after = "".join("(?!" + re.escape(r) + ")" for r in LONGER[unit])
        if re.search(r"(?<![\d.,])" + re.escape(t.text) + after, numtext):
            continue
        total = sum(len(standalone_re(v).findall(yaml_text)) for v in bare_variants(num))
        if total != 1:
            continue
        for p in yamls:
            raw = nfkc(read(p))
            if any(re.search(r"^\s*[\w-]+:\s*" + re.escape(v) + r"\s*$", raw, re.M)
                   for v in bare_variants(num)):
                number, yaml_file = t, p
                break
        if number:
            break
    if number is None:
        print("self-test: FAIL: no number-with-unit is stored once as `key: NUMBER` in the YAML")
        return 1
    num = TOKEN_RE.fullmatch(number.text).group(1)
    sent_lines = sorted({it.line for it in items if it.text == norm(sentence)})
    tok_lines = sorted({t.line for t in tokens if t.text == number.text})

    def run(dir_):
        r = subprocess.run([sys.executable, os.path.abspath(__file__), "--content", dir_,
                            "--seed", seed], capture_output=True, text=True, timeout=120)
        return r.returncode, r.stdout

    def reported(out):
        s = any(line.startswith(f"seed:{n}: missing sentence: {norm(sentence)}")
                for n in sent_lines for line in out.split("\n"))
        t = any(line == f"seed:{n}: missing number-with-unit: {number.text}"
                for n in tok_lines for line in out.split("\n"))
        return s, t

    tmp = tempfile.mkdtemp(prefix="faithful-")
    try:
        copy = os.path.join(tmp, "content")
        shutil.copytree(content, copy)
        rc0, out0 = run(copy)
        s0, t0 = reported(out0)
        if s0 or t0:
            print("self-test: FAIL: the chosen sentence or number is already missing in the copy")
            return 1

        rel_md = os.path.relpath(md_file, content)
        p = os.path.join(copy, rel_md)
        with open(p, encoding="utf-8") as f:
            t = f.read()
        with open(p, "w", encoding="utf-8") as f:
            f.write(t.replace(sentence, "", 1))

        rel_y = os.path.relpath(yaml_file, content)
        p = os.path.join(copy, rel_y)
        with open(p, encoding="utf-8") as f:
            t = f.read()
        pat = re.compile(r"^(\s*[\w-]+:\s*)(" + "|".join(map(re.escape, bare_variants(num)))
                         + r")(\s*)$", re.M)
        t2, n = pat.subn(r"\1~\3", t, count=1)
        if n != 1:
            print("self-test: FAIL: could not delete the number from the YAML copy")
            return 1
        with open(p, "w", encoding="utf-8") as f:
            f.write(t2)

        rc1, out1 = run(copy)
        s1, t1 = reported(out1)
        print(f"self-test: deleted sentence (seed line {','.join(map(str, sent_lines))}) "
              f"from {rel_md}: {sentence}")
        print(f"self-test: deleted number {num} (seed {number.text}, line "
              f"{','.join(map(str, tok_lines))}) from {rel_y}")
        print(f"self-test: unmodified copy exit {rc0}; modified copy exit {rc1}, "
              f"sentence reported {'yes' if s1 else 'NO'}, number reported {'yes' if t1 else 'NO'}")
        if rc1 == 1 and s1 and t1:
            print("self-test: ok")
            return 0
        print("self-test: FAIL\n" + out1)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description="faithfulness test: seed text vs content")
    ap.add_argument("--content", default=DEFAULT_CONTENT)
    ap.add_argument("--seed", default=DEFAULT_SEED)
    ap.add_argument("--text", action="append", default=[])
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test(a.content, a.seed)
    return check(a.content, a.seed, a.text, a.verbose)


if __name__ == "__main__":
    sys.exit(main())
