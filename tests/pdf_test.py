#!/usr/bin/env python3
"""Tests of the PDF booklets: downloads/plan-LANG.pdf of a built output folder, one per
language of the plan (plan.yaml languages:, by default ja and en).

usage: tests/pdf_test.py OUTPUT_DIR [--content DIR] [--plangen PLANGEN] [--keep DIR]

  OUTPUT_DIR        a folder written by `plangen build` (e.g. output)
  --content DIR     the content folder it was built from (default content/): its title,
                    languages and words (目次) are what the booklets must show
  --plangen PLANGEN also build DIR a second time with PLANGEN into a temporary folder and
                    require byte-identical PDFs, and time the build (median of 3 under 1 s)
  --keep DIR        leave the extracted texts in DIR (for looking at a failure)

Needs the command-line tools of poppler-utils (pdfinfo, pdffonts, pdftotext) and qpdf, and
tests/plan_content.py (PyYAML) to read the content. Checks, for each booklet of any plan:

  structure   `qpdf --check` passes; `pdffonts` lists only embedded, subset fonts with a
              ToUnicode map; `pdfinfo` shows A4 pages and the plan's title (plan.yaml);
              at most 2.5 MB
  text        `pdftotext` prints nothing on stderr (libharu's ToUnicode map is replaced)
  outline     the bookmarks hold every part and section of the table of contents
  contents    every entry of the table of contents (the plan's word for 目次) names a page
              whose footer carries that number and whose body has the heading; no page is
              left nearly empty but the last of a part (a top-level bookmark)
  English     the English booklet has no kana, kanji or full-width Japanese punctuation
  JLReq       (Japanese) lines rebuilt from `pdftotext -bbox` word boxes: no line that
              follows a break starts with a character of the line-start-prohibited
              classes, none ends with an opening bracket, no number, Latin word, …… or ――
              is split over two lines
and for Koriyama's content/ alone:
  faithful    tests/faithful.py --text on the text of the Japanese body area (running header
              and footer cropped off): every sentence and number-with-unit of the seed

Exit status 0 when every check passes; each failure is printed.
"""
import html, json, os, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_content  # noqa: E402
import tagged  # noqa: E402
import typeset  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
passed = failed = 0

# JLReq appendix C, as in src/pdf_layout.c.
NO_START = set("!%),.:;?]}»‐–’”‼⁇⁈⁉、。々〉》」』】〕〗〙〛〜〟〻ぁぃぅぇぉっゃゅょゎゕゖ゛゜ゝゞ゠ァィゥェォッャュョヮヵヶ・ーヽヾ"
               "！％），．：；？］｝～｠｡｣､･ｧｨｩｪｫｬｭｮｯｰ") | {chr(c) for c in range(0x31F0, 0x3200)}
NO_END = set("([{«‘“〈《「『【〔〖〘〚〝（［｛｟｢")
PAIRS = set("—―‥…")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                      r"\u3001\u3002\u300c-\u300f\u3010\u3011\uff08\uff09\uff0c\uff1a\uff1b\uff5e]")


def ok(cond, name, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f"\n{detail}" if detail else ""), file=sys.stderr)
    return cond


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def margins():
    """The margins in points (top, bottom, left, right), from the print style: the running
    header and the footer stand outside the top and bottom ones, nothing outside the others."""
    m = {"top": 22.0, "bottom": 20.0, "left": 20.0, "right": 20.0}
    try:
        text = open(os.path.join(ROOT, "themes/default/print.yaml"), encoding="utf-8").read()
        for k in m:
            found = re.search(r"^\s*margin_%s:\s*([\d.]+)" % k, text, re.M)
            m[k] = float(found.group(1)) if found else m[k]
    except OSError:
        pass
    mm = 72 / 25.4
    return m["top"] * mm, m["bottom"] * mm, m["left"] * mm, m["right"] * mm


def words(pdf):
    """Word boxes per page: [(page_number, width, height, [(x0, y0, x1, y1, text)])]."""
    rc, out, err = run(["pdftotext", "-bbox", pdf, "-"])
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        ws = [(float(a), float(b), float(c), float(d), html.unescape(t)) for a, b, c, d, t in
              re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                         m.group(3))]
        pages.append((len(pages) + 1, float(m.group(1)), float(m.group(2)), ws))
    return pages


def rows_of(ws):
    """Rebuilds lines from word boxes: words on one baseline, split where a wide gap (a table
    rule, another column, a leader) separates them.  Returns rows of segments, each segment
    (x0, y0, x1, y1, text)."""
    groups = []
    for w in sorted(ws, key=lambda w: (w[1] + w[3]) / 2):
        cy, h = (w[1] + w[3]) / 2, w[3] - w[1]
        if groups and abs(cy - groups[-1][0]) < 0.35 * h:
            groups[-1][1].append(w)
        else:
            groups.append((cy, [w]))
    out = []
    for _, row in groups:
        row = sorted(row)
        seg = [row[0]]
        for w in row[1:]:
            h = w[3] - w[1]
            if w[0] - seg[-1][2] > 1.2 * h:
                out.append(seg)
                seg = []
            seg.append(w)
        out.append(seg)
        res = []
        for seg in out:
            text = " ".join(w[4] for w in seg)
            res.append((min(w[0] for w in seg), min(w[1] for w in seg), max(w[2] for w in seg),
                        max(w[3] for w in seg), text))
        yield res
        out = []


def lines_of(ws):
    return [seg for row in rows_of(ws) for seg in row]


def body_words(page, top, bottom):
    n, width, height, ws = page
    return [w for w in ws if w[1] >= top - 3 and w[3] <= height - bottom + 3]


def footer_number(page, bottom):
    n, width, height, ws = page
    foot = [w[4] for w in ws if w[1] > height - bottom]
    return int(foot[0]) if len(foot) == 1 and foot[0].isdigit() else None


def norm(s):
    import unicodedata
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def check_structure(pdf, name, title_word):
    rc, out, err = run(["qpdf", "--check", pdf])
    ok(rc == 0, f"{name}: qpdf --check", out[-1500:] + err[-1500:])
    rc, out, err = run(["pdffonts", pdf])
    rows = out.splitlines()[2:]
    ok(rc == 0 and len(rows) >= 1, f"{name}: pdffonts lists the fonts", out + err)
    for row in rows:
        cols = row.split()
        # name type... emb sub uni object ID: the three flags precede the object number
        flags = cols[-5:-2]
        ok(flags == ["yes", "yes", "yes"], f"{name}: font embedded, subset, with ToUnicode: {row}")
    ok(len(rows) <= 4, f"{name}: at most 4 font files", out)
    rc, out, err = run(["pdfinfo", pdf])
    ok("(A4)" in out, f"{name}: A4 pages", out)
    m = re.search(r"^Title:\s*(.*)$", out, re.M)
    ok(m and title_word in m.group(1), f"{name}: the title in the document information", out)
    ok(re.search(r"^Author:\s*\S", out, re.M), f"{name}: an author", out)
    size = os.path.getsize(pdf)
    ok(size <= 2.5 * 1024 * 1024, f"{name}: at most 2.5 MB ({size} bytes)")
    rc, out, err = run(["pdftotext", pdf, "-"])
    ok(rc == 0 and err == "", f"{name}: pdftotext prints no warnings", err[:2000])
    return out


def check_tagged(pdf, name, lists):
    """A tagged PDF (tests/tagged.py): its structure tree and its marked content agree, and the
    tree holds what the booklet shows; `lists`: the text has lists."""
    rc, out, err = run(["pdfinfo", pdf])
    ok(re.search(r"^Tagged:\s+yes", out, re.M), f"{name}: tagged (pdfinfo)", out)
    problems, counts = tagged.check(pdf)
    ok(not problems, f"{name}: the structure tree and the marked content agree, and PDF/UA-1's "
       "machine-checkable rules hold (tests/tagged.py)",
       "\n".join(problems[:10]))
    need = {"Document", "Sect", "H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure", "TOC", "TOCI"}
    need |= {"L", "LI", "LBody"} if lists else set()
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    need |= {"Note"} if re.search(r"\u203b\d", text) else set()
    ok(need <= set(counts), f"{name}: the tree has {', '.join(sorted(need))}", str(counts))
    return counts


def outline(pdf):
    """The bookmarks as (depth, title), in order; depth 0 is a part."""
    rc, out, err = run(["qpdf", "--json", "--json-key=outlines", pdf])
    if rc != 0:
        return []
    titles = []

    def walk(items, depth):
        for o in items:
            titles.append((depth, o.get("title", "")))
            walk(o.get("kids", []), depth + 1)
    walk(json.loads(out).get("outlines", []), 0)
    return titles


def page_labels(pdf):
    """The page label ranges of the PDF: (first page index, style, start)."""
    r = subprocess.run(["qpdf", "--json", "--json-key=pagelabels", pdf], capture_output=True, text=True)
    try:
        return [(e["index"], e["label"].get("/S"), e["label"].get("/St", 1))
                for e in json.loads(r.stdout).get("pagelabels", [])]
    except (ValueError, KeyError, AttributeError):
        return []


def check_contents(pdf, name, toc_word, pages, top, bottom):
    """The table of contents: every entry's page number is the page where it stands."""
    toc_pages = [p for p in pages[:4] if any(norm(w[4]) == norm(toc_word) for w in p[3])]
    if not ok(toc_pages, f"{name}: a table of contents ({toc_word})"):
        return []
    entries = []
    for p in toc_pages:
        pending = []
        for row in rows_of(body_words(p, top, bottom)):
            # the title (on one line or more), the leader (drawn, not text), the number
            if norm(" ".join(seg[4] for seg in row)) == norm(toc_word):
                continue
            if len(row) >= 2 and row[-1][4].strip().isdigit():
                pending += [seg[4] for seg in row[:-1]]
                entries.append((" ".join(pending), int(row[-1][4])))
                pending = []
            else:
                pending += [seg[4] for seg in row]
    ok(len(entries) >= 10, f"{name}: the table of contents has entries", str(entries))
    # As printed: the cover and the contents carry no number, part I starts at 1,
    # and the page labels say so (i, ii … then 1, 2 …).
    front = [i for i, p in enumerate(pages) if footer_number(p, bottom) is None]
    ok(front == list(range(len(front))) and len(front) >= 2 and entries and entries[0][1] == 1,
       f"{name}: the cover and the contents unnumbered, the first part at page 1", f"{front} {entries[:1]}")
    labels = page_labels(pdf)
    ok(labels == [(0, "/r", 1), (len(front), "/D", 1)], f"{name}: page labels i, ii … then 1, 2 …", str(labels))
    by_number = {footer_number(p, bottom): p for p in pages if footer_number(p, bottom) is not None}
    for title, number in entries:
        page = by_number.get(number)
        if not ok(page is not None, f"{name}: contents entry \"{title}\": a page numbered {number}"):
            continue
        text = norm("".join(w[4] for w in body_words(page, top, bottom)))
        ok(norm(title) in text, f"{name}: contents entry \"{title}\" stands on page {number}")
    # No page is left nearly empty by a bad break (a heading alone, a figure pushed over),
    # except the last page of a part (an entry that is a top-level bookmark: I, II … or
    # 第1章, 第2章 …, whatever the plan calls its parts).
    marks = outline(pdf)
    tops = {norm(t) for depth, t in marks if depth == 0}
    parts = {number for title, number in entries if norm(title) in tops}
    ok(parts, f"{name}: the parts of the table of contents are top-level bookmarks", str(sorted(tops)))
    last = max(by_number) if by_number else 0
    for number, page in sorted(by_number.items()):
        if number == last or number + 1 in parts:
            continue
        ws = body_words(page, top, bottom)
        filled = max((w[3] for w in ws), default=top) - top
        ok(filled > 0.2 * (page[2] - top - bottom), f"{name}: page {number} is not left nearly empty")
    titles = [norm(t) for depth, t in marks]
    for title, number in entries:
        ok(norm(title) in titles, f"{name}: the outline has \"{title}\"")
    return entries


def content_tokens(content):
    """Latin words and numbers of the Japanese content, to tell a split word from two words."""
    toks = set()
    for d, _, files in os.walk(content):
        if os.sep + "en" in d:
            continue
        for f in files:
            if f.endswith((".md", ".yaml")):
                toks.update(re.findall(r"[A-Za-z][A-Za-z']*", open(os.path.join(d, f), encoding="utf-8").read()))
    return toks


def jlreq_breaches(pages, top, bottom, tokens):
    bad = []
    for page in pages:
        ls = lines_of(body_words(page, top, bottom))
        first_y = min((l[1] for l in ls if l[4].strip()), default=None)
        # the line of the same paragraph or cell one line pitch below (or above) a line
        # (x0, y0, x1, y1): overlapping it, its top 0.5 to 1.9 line heights away
        near = lambda a, b: (b[1] > a[1] + 0.5 * (a[3] - a[1]) and b[1] - a[1] <= 1.9 * (a[3] - a[1]) and
                             min(a[2], b[2]) - max(a[0], b[0]) > 0.3 * min(a[2] - a[0], b[2] - b[0]))
        for i, (x0, y0, x1, y1, text) in enumerate(ls):
            t = text.strip()
            if not t:
                continue
            where = f"page {page[0]}: {t[:40]}"
            # The line-start rule is about breaks: a line with no line of its text (of its
            # size, one pitch above) before it starts that text (a subtitle ～…～ under the
            # title on the cover) and follows no break.  The first line of a page may follow
            # a break on the page before: it is checked.
            same_size = lambda l: max(l[3] - l[1], y1 - y0) <= 1.3 * min(l[3] - l[1], y1 - y0)
            follows_break = y0 == first_y or any(near(l, ls[i]) and same_size(l) for l in ls if l[4].strip())
            if t[0] in NO_START and follows_break:
                bad.append(f"{where}: starts with {t[0]}")
            if t[-1] in NO_END:
                bad.append(f"{where}: ends with {t[-1]}")
            h = y1 - y0
            nxt = [l for l in ls if near(ls[i], l)]
            if not nxt:
                continue
            n = min(nxt, key=lambda l: l[1])[4].strip()
            # a line cut short (a page number, a label) splits nothing
            if not n or x1 - x0 < 2.5 * h:
                continue
            if (t[-1].isdigit() and (n[0].isdigit() or n[0] in ",.%")) or \
               (t[-1] in ",." and len(t) > 1 and t[-2].isdigit() and n[0].isdigit()):
                bad.append(f"{where}: a number split: …{t[-8:]} | {n[:8]}…")
            if t[-1] in PAIRS and n[0] == t[-1]:
                bad.append(f"{where}: {t[-1]}{t[-1]} split")
            tail = re.search(r"[A-Za-z']+$", t)
            head = re.match(r"[A-Za-z']+", n)
            if tail and head and tail.group(0) + head.group(0) in tokens and tail.group(0) not in tokens:
                bad.append(f"{where}: a word split: {tail.group(0)} | {head.group(0)}")
    return bad


def check_jlreq(name, pages, top, bottom, content):
    bad = jlreq_breaches(pages, top, bottom, content_tokens(content))
    ok(not bad, f"{name}: JLReq line-start and line-end rules ({len(bad)} breaches)", "\n".join(bad[:40]))


def self_test_jlreq():
    """The line check must see each kind of breach: lines of a made-up page, 10 pt type,
    17.5 pt apart."""
    def page(*lines):
        """Lines 17.5 pt apart; an empty one leaves its space (a new paragraph, 35 pt on)."""
        ws = [(60, 100 + 17.5 * i, 60 + 10 * len(t), 110 + 17.5 * i, t) for i, t in enumerate(lines) if t]
        return [(1, 595, 842, ws)]
    cases = [
        (("これは正しい行です。続きの文章が", "ここにあります。"), 0),
        (("これは誤った行です。続きの文章が", "。ここにあります"), 1),
        (("これは誤った行です。続きの文章「", "ここにあります。"), 1),
        (("相談件数は2,2", "16件でした。ここにあります。"), 1),
        (("相談件数は2,216", "件でした。ここにあります。"), 0),
        (("ここでSustain", "ableと書きます。"), 1),
        (("これは誤った……", "……行です。ここにあります。"), 1),
        (("小さいかなの行です。ッ", "ここにあります。"), 0),
        (("小さいかなの行です。", "ッここにあります。"), 1),
        # a text that begins with ～ (a subtitle) follows no break; after a break, or at the
        # top of a page (the break may be on the page before), it is a breach
        (("第2期青葉川市環境基本計画", "", "～清流とみどりを未来へ～"), 0),
        (("第2期青葉川市環境基本計画", "～清流とみどりを未来へ～"), 1),
        (("～清流とみどりを未来へ～", "", "次の段落です。"), 1),
        (("前の段落です。", "", "次の段落は行の", "。ここで折り返されます"), 1),
    ]
    for lines, want in cases:
        got = len(jlreq_breaches(page(*lines), 0, 0, {"Sustainable"}))
        ok(got == want, f"JLReq check self-test: {lines} gives {want} breach(es), got {got}")
    # the cover: a 24 pt title, 44 pt below it a subtitle that begins with ～; in 15 pt type it
    # is a text of its own, in the title's 24 pt it is the title's next line
    for size, want in ((15, 0), (24, 1)):
        ws = [(144, 190, 450, 214, "第2期青葉川市環境基本計画"), (186, 233.8, 408, 233.8 + size, "～清流とみどりを未来へ～")]
        got = len(jlreq_breaches([(1, 595, 842, ws)], 0, 0, set()))
        ok(got == want, f"JLReq check self-test: a {size} pt line ～… under a 24 pt title gives {want} breach(es), got {got}")


def print_size(key, default):
    """A type size or leading of the print style (themes/default/print.yaml)."""
    found = re.search(r"^\s*%s:\s*([\d.]+)" % key, open(os.path.join(ROOT, "themes/default/print.yaml"),
                                                     encoding="utf-8").read(), re.M)
    return float(found.group(1)) if found else default


def check_footnotes(pdf, name, top, bottom, pages):
    """Notes at the foot of the pages that refer to them (typeset.footnotes)."""
    bad, marks = typeset.footnotes(pages, top, bottom)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    # a booklet with note marks finds them as superscripts
    ok((marks > 0 or not re.search(r"\u203b\d", text)) and not bad,
       f"{name}: each of {marks} note marks is raised and has its note at the foot of its page",
       "\n".join(" ".join(b) for b in bad[:10]))
    return marks


def check_typesetting(pdf, name, cjk, left, right, pages):
    """Typesetting measured from glyph positions (tests/typeset.py): JLReq's spacing of marks
    and of Japanese next to Latin letters and digits, table cells without a line of one or two
    characters, no widow or orphan."""
    r = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "/dev/null", pdf], capture_output=True, text=True)
    errors = [l for l in r.stderr.splitlines() if "error" in l]
    ok(not errors, f"{name}: every page's content stream reads without error (mutool)", "\n".join(errors[:5]))
    body = print_size("body", 10)
    leading = print_size("leading" if cjk else "leading_latin", 1.75 if cjk else 1.45)
    bad = typeset.widows(pages, body, left, right, body if cjk else 0, leading)
    ok(not bad, f"{name}: no widow or orphan ({len(bad)})", "\n".join(" ".join(b) for b in bad[:10]))
    if not cjk:
        quotes = sorted({f"page {n}" for n, _, _, lines in pages for l in lines for ch in l if ch[0] == '"'})
        ok(not quotes, f"{name}: no straight double quote", " ".join(quotes[:20]))
        split = typeset.split_apostrophes(pages)
        ok(not split, f"{name}: no apostrophe set apart from the rest of its word ({len(split)})",
           "\n".join(" ".join(x) for x in split[:10]))
        gaps, normal = typeset.word_gaps(pages, body)
        wide = [f"{w} {g:.2f} em: {t[:70]}" for g, w, t in gaps if g > 2 * normal + 0.01]
        ok(normal > 0 and not wide, f"{name}: no word space over twice the normal {normal:.3f} em "
           f"(widest {max(g for g, _, _ in gaps):.3f} em)", "\n".join(wide[:10]))
        return
    pairs = typeset.pairs(pages)
    wide = [f"{w} {t} {e:.2f} em" for w, t, e in pairs if e > 1.5 + 0.01]
    ok(pairs and not wide, f"{name}: {len(pairs)} pairs of consecutive marks each set in at most 1.5 em",
       "\n".join(wide[:10]))
    bounds = typeset.boundaries(pages)
    tight = [f"{w} {t} {e:.2f} em" for w, t, e in bounds if e < 0.25 - 0.01]
    ok(bounds and not tight, f"{name}: a quarter em at each of {len(bounds)} places where Japanese meets Latin "
       f"letters or digits ({len(tight)} without)", "\n".join(tight[:10]))
    # Latin letters in Japanese paragraphs are proportional (print.yaml latin:), not all
    # half an em wide (as S, D, G and s of SDGs would be in the Japanese face).
    widths = {}
    for _, _, _, lines in pages:
        for l in lines:
            for ch in l:
                if ch[0].isascii() and ch[0].isalpha() and abs(ch[4] - body) < 0.01:
                    widths[ch[0]] = round((ch[2] - ch[1]) / ch[4], 2)
    spread = max(widths.values()) - min(widths.values()) if widths else 0
    ok(len(widths) >= 2 and spread > 0.15,
       f"{name}: Latin letters in paragraphs are proportional (widths in em: {sorted(widths.items())[:12]})")
    cells = typeset.cell_lines(pages, print_size("table", 8))
    ok(not cells, f"{name}: no table cell line of one or two characters ({len(cells)})",
       "\n".join(" ".join(c) for c in cells[:10]))


def check_spans(pdf, name, lang, plan, content, pages):
    """A text of tables.yaml across columns (span: N) is one cell in the booklet: the vertical
    rules crossing its first line are N - 1 fewer than those crossing its table's header row."""
    tables = (plan_content.read_yaml(os.path.join(content, "tables.yaml")) or {}).get("tables") or []
    spans = [(t, c) for t in tables for row in t.get("rows") or [] for c in row if isinstance(c, dict) and "span" in c]
    if not spans:
        return 0
    flat = lambda s: re.sub(r"\s", "", s)
    for t, cell in spans:
        text, head = flat(plan.text(cell, lang)), flat(plan.text(t["columns"][0]["title"], lang))
        where = [(n, l) for n, _, _, lines in pages for l in lines if text[:12] in flat("".join(ch[0] for ch in l))]
        if not ok(where, f"{name}: the text across columns is in the booklet ({text[:20]})"):
            continue
        n, line = where[0]
        lines = [l for k, _, _, ls in pages if k == n for l in ls]
        heads = [l for l in lines if l[0][3] < line[0][3] and flat("".join(ch[0] for ch in l)).startswith(head[:6])]
        rules = typeset.vertical_rules(pdf, n)
        crossing = lambda y, size: len({round(x, 1) for x, top, bottom in rules if top < y - size / 3 < bottom})
        got = crossing(line[0][3], line[0][4])
        want = crossing(heads[-1][0][3], heads[-1][0][4]) - (int(cell["span"]) - 1) if heads else -1
        ok(heads and got == want, f"{name}: \"{text[:20]}\" spans {cell['span']} columns (page {n})",
           f"{got} rules cross its line, {want} expected")
    return len(spans)


def self_test_typesetting():
    """The typesetting checks must see what they look for: lines of made-up characters, 10 pt,
    1 em = 10 pt, the margins at 50 and 550, 17.5 pt apart."""
    def line(text, x, y, gaps=None, size=10, font="Body"):
        out = []
        for i, c in enumerate(text):
            x += (gaps or {}).get(i, 0)
            w = size if ord(c) > 0x2000 else size / 2
            out.append((c, x, x + w, y, size, font))
            x += w
        return out
    page = lambda *lines: (1, 600, 800, list(lines))
    ok(typeset.pairs([page(line("あ」「い", 50, 100))])[0][2] > 1.9, "typesetting self-test: 」「 unspaced is 2 em")
    ok(abs(typeset.pairs([page(line("あ」「い", 50, 100, {2: -5}))])[0][2] - 1.5) < 0.01,
       "typesetting self-test: 」「 set close is 1.5 em")
    b = typeset.boundaries([page(line("年2018年", 50, 100, {1: 2.5}))])
    ok([round(e, 2) for _, _, e in b] == [0.25, 0.0], "typesetting self-test: one boundary spaced, one not", str(b))
    cell = [page(line("基準値より悪", 60, 100, size=8), line("化", 60, 110.8, size=8))]
    ok(len(typeset.cell_lines(cell)) == 1, "typesetting self-test: a cell line of one character")
    full = "あ" * 50
    orphan = [page(line(full[:49], 50, 700), line(full[:49], 60, 717.5)), page(line(full[:50], 50, 100))]
    widow = [page(line(full[:49], 60, 700), line(full[:50], 50, 717.5)), page(line("あ" * 10, 50, 100))]
    fine = [page(line(full[:49], 60, 700), line(full[:50], 50, 717.5)), page(line(full[:50], 50, 100),
                                                                           line("あ" * 10, 50, 117.5))]
    got = [len(typeset.widows(p, 10, 50, 50, 10, 1.75)) for p in (orphan, widow, fine)]
    ok(got == [1, 1, 0], f"typesetting self-test: an orphan, a widow, neither (got {got})")
    # a mark raised in the text (※7, 7 pt, 3 pt up), its note at the foot, in the text, missing
    text = line("本文です", 50, 100) + line("※7", 90, 97, size=7)
    at_foot = [page(text, line("本文", 50, 117.5), line("※7 注です", 50, 700, size=8.5))]
    mid = [page(text, line("※7 注です", 50, 117.5, size=8.5), line("本文", 50, 135))]
    none = [page(text, line("本文", 50, 117.5))]
    got = [typeset.footnotes(p, 40, 60) for p in (at_foot, mid, none)]
    ok([(len(b), m) for b, m in got] == [(0, 1), (1, 1), (1, 1)],
       f"typesetting self-test: a note at the foot, one above the text, one missing (got {got})")
    words = [page(line("ab", 50, 100, {1: 3.3}), line("ab", 50, 120, {1: 3.3}), line("ab", 50, 140, {1: 7}))]
    gaps, normal = typeset.word_gaps(words, 10)
    ok(abs(normal - 0.33) < 0.01 and max(g for g, _, _ in gaps) > 2 * normal,
       f"typesetting self-test: the normal word space and one over twice it ({normal}, {gaps})")
    ok(len(typeset.split_apostrophes([page(line("city\u2019s", 50, 100))])) == 1 and
       not typeset.split_apostrophes([page(line("city\u2019s", 50, 100, {5: -7}))]) and
       not typeset.split_apostrophes([page(line("residents\u2019pay", 50, 100, {10: 3.3}))]),
       "typesetting self-test: a split apostrophe, and one that is not")


def colour_breaches(content):
    """What in a PDF's uncompressed content (qpdf --qdf) is not press colour: an RGB operator
    (rg, RG, or a DeviceRGB colour space), or text (between BT and ET) in any ink but black."""
    bad = []
    for m in re.finditer(rb"(?m)^(?:[\d.]+ ){2}[\d.]+ (rg|RG)$|/DeviceRGB|^/\w+ (cs|CS)$", content):
        bad.append(m.group(0).decode("latin-1"))
    for block in re.finditer(rb"(?s)\nBT\n(.*?)\nET\n", content):
        for m in re.finditer(rb"(?m)^([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) k$", block.group(1)):
            if any(float(v) != 0 for v in m.groups()[:3]):
                bad.append("text in " + m.group(0).decode())
    return bad


def check_press(pdf, name, normal_pages):
    """The press edition: qpdf --check; on every page a TrimBox of A4 (upright or turned) and a BleedBox 3 mm larger
    on each side; a page count divisible by 4, padding at most 3 pages; CMYK colour only, text
    in black alone; every font embedded."""
    rc, out, err = run(["qpdf", "--check", pdf])
    ok(rc == 0, f"{name}: qpdf --check", (out + err)[-1500:])
    rc, out, err = run(["pdfinfo", "-box", "-f", "1", "-l", "9999", pdf])
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    ok(pages % 4 == 0 and normal_pages <= pages < normal_pages + 4,
       f"{name}: {pages} pages, a multiple of 4 ({normal_pages} drawn)")
    trims = re.findall(r"^Page\s+\d+ TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out, re.M)
    bleeds = re.findall(r"^Page\s+\d+ BleedBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out, re.M)
    mm3 = 3 * 72 / 25.4
    good = len(trims) == len(bleeds) == pages and all(
        sorted([round(float(t[2]) - float(t[0]), 1), round(float(t[3]) - float(t[1]), 1)]) == [595.3, 841.9] and
        all(abs(float(b[i]) - (float(t[i]) + (mm3 if i >= 2 else -mm3))) < 0.05 for i in range(4))
        for t, b in zip(trims, bleeds))
    ok(good, f"{name}: every page has an A4 TrimBox and a BleedBox 3 mm beyond it", out[-800:])
    with tempfile.TemporaryDirectory() as tmp:
        qdf = os.path.join(tmp, "q.pdf")
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], capture_output=True)
        bad = colour_breaches(open(qdf, "rb").read())
    ok(not bad, f"{name}: CMYK colour only, text in black alone ({len(bad)} breaches)", "\n".join(bad[:10]))
    rc, out, err = run(["pdffonts", pdf])
    rows = out.splitlines()[2:]
    ok(rows and all(r.split()[-5] == "yes" for r in rows), f"{name}: every font embedded", out)


def self_test_press():
    """The colour check must see RGB and coloured text."""
    cases = [(b"\nBT\n0 0 0 0.87 k\nET\n0.1 0.2 0.3 0 k\n", 0), (b"\n0.5 0.5 0.5 rg\n", 1),
             (b"\nBT\n0.8 0.4 0 0.5 k\nET\n", 1), (b"/DeviceRGB", 1)]
    for content, want in cases:
        got = len(colour_breaches(content))
        ok(got == want, f"press colour self-test: {content!r} gives {want} breach(es), got {got}")


def body_text(pdf, top, bottom, height, width):
    """The text of the body area of every page (running header and footer cropped off)."""
    rc, out, err = run(["pdftotext", "-x", "0", "-y", str(int(top - 3)), "-W", str(int(width) + 1), "-H",
                        str(int(height - top - bottom + 6)), pdf, "-"])
    return out


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    outdir = args[0]
    plangen = keep = None
    content = plan_content.SEED
    if "--plangen" in args:
        plangen = args[args.index("--plangen") + 1]
    if "--content" in args:
        content = os.path.abspath(args[args.index("--content") + 1])
    if "--keep" in args:
        keep = args[args.index("--keep") + 1]
        os.makedirs(keep, exist_ok=True)
    plan = plan_content.Plan(content)
    top, bottom, left, right = margins()
    names = [f"plan-{lang}.pdf" for lang in plan.languages]
    for lang, name in zip(plan.languages, names):
        pdf = os.path.join(outdir, "downloads", name)
        if not ok(os.path.exists(pdf), f"{name} exists"):
            continue
        text = check_structure(pdf, name, plan.title(lang))
        pages = words(pdf)
        ok(len(pages) >= 10, f"{name}: {len(pages)} pages")
        check_contents(pdf, name, plan.word("contents", lang), pages, top, bottom)
        out = [f"page {n}: {w[4][:30]} ({w[0]:.0f}–{w[2]:.0f})" for n, width, height, ws in pages for w in ws
               if w[0] < left - 1 or w[2] > width - right + 1]
        ok(not out, f"{name}: no text outside the left and right margins", "\n".join(out[:20]))
        if lang == "en":
            found = sorted({f"{c} (U+{ord(c):04X})" for c in JAPANESE.findall(text)})
            lines = [l for l in text.splitlines() if JAPANESE.search(l)]
            ok(not found, f"{name}: no Japanese text", " ".join(found[:30]) + "\n" + "\n".join(lines[:10]))
        glyphs = typeset.chars(pdf)  # every glyph's position, read once
        check_typesetting(pdf, name, lang in ("ja", "zh", "ko"), left, right, glyphs)
        check_spans(pdf, name, lang, plan, content, glyphs)
        check_footnotes(pdf, name, top, bottom, glyphs)
        folder = os.path.join(content, lang)
        lists = any(re.search(r"^\s*(?:[-*+]|\d+\.)\s", open(os.path.join(d, f), encoding="utf-8").read(), re.M)
                    for d, _, fs in os.walk(folder) for f in fs if f.endswith(".md"))
        check_tagged(pdf, name, lists)
        if lang == "en" and plan.seed:
            # The revision list, eight columns of longer words, at 8 pt on turned pages.
            turned = [(n, lines) for n, w, h, lines in glyphs if w > h]
            small = sorted({round(ch[4], 1) for _, lines in turned for l in lines for ch in l
                            if ch[4] < 7.95 and ch[0] not in "\u203b0123456789"})
            ok(turned and not small, f"{name}: the revision list at 8 pt or more, on {len(turned)} turned pages",
               str(small))
        if lang != "ja":
            continue
        self_test_jlreq()
        self_test_typesetting()
        check_jlreq(name, pages, top, bottom, content)
        ok(tagged.self_test(pdf) == 0, f"{name}: tagged self-test: a figure without /Alt, an MCID no element "
           "holds, text and a rule outside marked content, no PDF/UA identifier, cells without a header "
           "cell, glyph widths not the font's and a span wider than its table are each found")
        if not plan.seed:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(keep or tmp, "plan-ja-body.txt")
            open(path, "w", encoding="utf-8").write(body_text(pdf, top, bottom, pages[0][2], pages[0][1]))
            rc, out, err = run([sys.executable, os.path.join(ROOT, "tests/faithful.py"), "--text", path])
            ok(rc == 0, "plan-ja.pdf: faithful to the seed (tests/faithful.py --text)", (out + err)[-3000:])
            # The same through the structure tree: the seed's sentences are the text of its
            # paragraphs, headings, list items, table cells and notes (figure labels, which
            # the figures' text alternatives say too, count as figures').
            path = os.path.join(keep or tmp, "plan-ja-struct.txt")
            open(path, "w", encoding="utf-8").write(tagged.struct_text(pdf, tagged.CONTENT_TYPES | {"Figure"}))
            rc, out, err = run([sys.executable, os.path.join(ROOT, "tests/faithful.py"), "--text", path])
            ok(rc == 0, "plan-ja.pdf: the seed is in its structure tree (pdfinfo -struct-text)", (out + err)[-3000:])
    if plangen:
        with tempfile.TemporaryDirectory() as tmp:
            # The median of three builds, so that one slow moment of a busy
            # machine (the suites run side by side) is not taken for the build's.
            times = []
            for k in range(3):
                t0 = time.monotonic()
                rc, out, err = run([plangen, "build", "--content", content, "--output", os.path.join(tmp, "o")] +
                                   (["--press"] if k == 2 else []))
                times.append(time.monotonic() - t0)
                if rc != 0:
                    break
            dt = sorted(times)[len(times) // 2]
            ok(rc == 0, "second build succeeds", err[-2000:])
            ok(dt < 1.0, f"the build takes under 1 s (median {dt:.2f} s of {', '.join(f'{t:.2f}' for t in times)})")
            for n in names:
                a = os.path.join(outdir, "downloads", n)
                b = os.path.join(tmp, "o", "downloads", n)
                same = os.path.exists(a) and os.path.exists(b) and open(a, "rb").read() == open(b, "rb").read()
                ok(same, f"{n}: two builds are byte-identical (the second with --press)")
                # The press edition, written by the last build (--press)
                press = b[:-len(".pdf")] + "-press.pdf"
                if ok(os.path.exists(press), f"build --press writes {os.path.basename(press)}"):
                    rc, out, err = run(["pdfinfo", a])
                    check_press(press, os.path.basename(press), int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1)))
                    check_tagged(press, os.path.basename(press), False)
            self_test_press()
    print(f"pdf: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
