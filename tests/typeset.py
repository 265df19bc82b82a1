"""Typesetting measured from glyph positions: the booklet's characters as `mutool draw -F
stext` (package mupdf-tools) places them, each with its advance box and type size.

Used by tests/pdf_test.py; `python3 tests/typeset.py PDF` prints the figures of one booklet.

  pairs       consecutive punctuation (JLReq 3.1.4: 」「 、「 。」 「「 …) and the width they are
              set in, which must be at most 1.5 em
  boundaries  Japanese next to a Latin letter or a digit (JLReq 3.2.3) and the space between
              them, a quarter em wanted
  cells       lines of a table cell (8 pt type in a ruled table) under another line of the
              same cell that hold only one or two characters
  widows      the first line of a paragraph alone at the foot of a page, or its last line alone
              at the head of the next
"""
import collections, re, subprocess, sys

OPENING = set("「『（〔［｛〈《【〘〖〝")
CLOSING = set("」』）〕］｝〉》】〙〗〟")
STOPS = set("、。，．")
PUNCT = OPENING | CLOSING | STOPS
JAPANESE = re.compile(r"[\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
LATIN = re.compile(r"[A-Za-z0-9]")


def chars(pdf):
    """Pages of lines of characters: (page number, page width, page height, lines), each line a
    list of (c, x0, x1, y, size, font) in reading order, y the baseline."""
    out = subprocess.run(["mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf], capture_output=True,
                         text=True).stdout
    pages = []
    for n, m in enumerate(re.finditer(r'<page [^>]*width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S)):
        lines = []
        for lm in re.finditer(r"<line [^>]*>(.*?)</line>", m.group(3), re.S):
            line, size, font = [], 0.0, ""
            for tok in re.finditer(r'<font name="([^"]*)" size="([\d.]+)"|<char quad="([^"]+)" x="[^"]+" y="([^"]+)"[^>]*c="([^"]*)"',
                                   lm.group(1)):
                if tok.group(1) is not None:
                    font, size = tok.group(1), float(tok.group(2))
                    continue
                q = [float(v) for v in tok.group(3).split()]
                c = tok.group(5)
                c = chr(int(c[3:-1], 16)) if c.startswith("&#x") else {"&amp;": "&", "&lt;": "<", "&gt;": ">",
                                                                       "&quot;": '"', "&apos;": "'"}.get(c, c)
                line.append((c, q[0], q[2], float(tok.group(4)), size, font))
            if line:
                lines.append(line)
        pages.append((n + 1, float(m.group(1)), float(m.group(2)), rows(lines)))
    return pages


def vertical_rules(pdf, page):
    """The vertical lines stroked on a page (1-based), as (x, top, bottom), y downward as in chars()."""
    out = subprocess.run(["mutool", "draw", "-q", "-F", "trace", "-o", "-", pdf, str(page)], capture_output=True,
                         text=True).stdout
    height = float(re.search(r'<page [^>]*mediabox="[\d.]+ [\d.]+ [\d.]+ ([\d.]+)"', out).group(1)) \
        if re.search(r'<page [^>]*mediabox=', out) else 841.89
    found = []
    for path in re.findall(r"<stroke_path[^>]*>(.*?)</stroke_path>", out, re.S):
        for m in re.finditer(r'<moveto x="([\d.]+)" y="([\d.]+)"/>\s*<lineto x="([\d.]+)" y="([\d.]+)"/>', path):
            x0, y0, x1, y1 = (float(v) for v in m.groups())
            if abs(x0 - x1) < 0.01 and abs(y0 - y1) > 1:
                found.append((x0, height - max(y0, y1), height - min(y0, y1)))
    return found


def rows(lines):
    """The characters of a page in lines as set: mutool starts a new line where a text operation
    leaves a gap (a quarter em, say), so its lines on one baseline are joined, left to right,
    and split again where more than an em and a half of blank separates them (table cells)."""
    chars = sorted((ch for l in lines for ch in l), key=lambda ch: (round(ch[3], 1), ch[1]))
    out = []
    for ch in chars:
        last = out[-1][-1] if out else None
        if last and abs(last[3] - ch[3]) < 0.3 and abs(last[4] - ch[4]) < 2 and -0.6 * ch[4] < ch[1] - last[2] < 1.5 * ch[4]:
            out[-1].append(ch)
        else:
            out.append([ch])
    # A superscript (a note mark ※7, smaller, its baseline raised by less than half an em)
    # belongs to the line it stands on, beside it.
    for small in [l for l in out if len(l) <= 4]:
        size = max(ch[4] for ch in small)
        for line in out:
            if line is small or not line:
                continue
            big = max(ch[4] for ch in line)
            if big < size * 1.2 or not 0 < line[0][3] - small[0][3] < 0.5 * big:
                continue
            if line[0][1] - 1.5 * big <= small[0][1] <= line[-1][2] + 1.5 * big:
                line.extend(small)
                line.sort(key=lambda ch: ch[1])
                small.clear()
                break
    out = [l for l in out if l]
    out.sort(key=lambda l: (l[0][3], l[0][1]))
    return out


def pairs(pages):
    """(where, text, width in em) of each pair of consecutive punctuation on one line."""
    found = []
    for n, _, _, lines in pages:
        for line in lines:
            for a, b in zip(line, line[1:]):
                # neighbours: b starts within half an em of a's end (not the next table cell)
                if a[0] in PUNCT and b[0] in PUNCT and abs(a[3] - b[3]) < 0.5 and b[1] > a[1] and \
                        b[1] - a[2] < 0.5 * a[4]:
                    found.append((f"page {n}", a[0] + b[0], (b[2] - a[1]) / a[4]))
    return found


def boundaries(pages):
    """(where, text, space in em) of each place where Japanese meets a Latin letter or a digit on
    one line (with or without a space character between them)."""
    found = []
    for n, _, _, lines in pages:
        for line in lines:
            solid = [ch for ch in line if ch[0] != " "]
            for a, b in zip(solid, solid[1:]):
                if abs(a[3] - b[3]) > 0.5 or b[1] < a[1]:
                    continue
                if (JAPANESE.match(a[0]) and LATIN.match(b[0])) or (LATIN.match(a[0]) and JAPANESE.match(b[0])):
                    found.append((f"page {n}", a[0] + b[0], (b[1] - a[2]) / min(a[4], b[4])))
    return found


def cell_lines(pages, size=8.0, leading=1.35):
    """(where, text) of each table line of at most two characters that stands right under a line
    of the same cell (the same left edge, one line height above)."""
    bad = []
    for n, _, _, lines in pages:
        rows = [l for l in lines if abs(l[0][4] - size) < 0.01]
        for l in rows:
            text = "".join(ch[0] for ch in l).strip()
            if not (0 < len(text) <= 2):
                continue
            x0, y = l[0][1], l[0][3]
            above = [u for u in rows if abs(u[0][3] - (y - size * leading)) < 0.6 and u[0][1] - 1.5 <= x0 <= u[-1][2]]
            if above:
                bad.append((f"page {n}", "".join(ch[0] for ch in above[0]).strip() + " / " + text))
    return bad


def word_gaps(pages, body):
    """(gap in em, where, line) of the blank between two words on a line of paragraph text
    (`body` type, one font), and the normal word space: the most common gap, that of the lines
    a paragraph ends with, which are not justified."""
    gaps = []
    for n, _, _, lines in pages:
        for l in lines:
            solid = [ch for ch in l if ch[0] != " "]
            for a, b in zip(solid, solid[1:]):
                if abs(a[4] - body) < 0.01 and a[5] == b[5] and b[1] - a[2] > 0.05 * body:
                    gaps.append(((b[1] - a[2]) / body, f"page {n}", "".join(ch[0] for ch in l)))
    common = collections.Counter(round(g, 3) for g, _, _ in gaps).most_common(1)
    return gaps, (common[0][0] if common else 0)


def split_apostrophes(pages):
    """(where, text) of each apostrophe inside a word (city’s, don’t, we’ll) that stands more
    than 0.35 em before the letter after it: Japanese fonts draw ’ in a fixed half em with the
    ink to the left, which reads as "city’ s"."""
    bad = []
    for n, _, _, lines in pages:
        for l in lines:
            for i in range(1, len(l) - 1):
                a, q = l[i - 1], l[i]
                if q[0] != "\u2019" or not a[0].isalpha():
                    continue
                j = i + 1
                while j < len(l) and l[j][0].isalpha() and (j == i + 1 or l[j][1] - l[j - 1][2] < 0.1 * q[4]):
                    j += 1
                tail = "".join(ch[0] for ch in l[i + 1:j])
                if tail in ("s", "t", "d", "m", "ll", "re", "ve") and l[i + 1][1] - q[1] > 0.35 * q[4]:
                    bad.append((f"page {n}", "".join(ch[0] for ch in l)[:40]))
    return bad


def widows(pages, body, left, right, indent, leading):
    """(where, text) of each paragraph line left alone: the first line of a paragraph at the foot
    of a page with the rest overleaf (an orphan), or its last line alone at the head of a page
    (a widow).  Paragraph lines are the lines in `body` type that start at the left margin or
    one `indent` in; a paragraph's first line is indented (Japanese) or stands further than one
    line below the line before (English, whose paragraphs are spaced); a line that reaches the
    right margin goes on (a paragraph's last line is not justified).  Only lines in the font most
    used in that size count (headings of the same size are bold)."""
    bad, pagelines = [], []
    fonts = collections.Counter(ch[5] for _, _, _, lines in pages for l in lines for ch in l if abs(ch[4] - body) < 0.01)
    font = fonts.most_common(1)[0][0] if fonts else None
    for n, width, _, lines in pages:
        ls = [l for l in lines if abs(l[0][4] - body) < 0.01 and l[0][5] == font and
              (abs(l[0][1] - left) < 0.6 or (indent and abs(l[0][1] - left - indent) < 0.6))]
        pagelines.append((n, width, sorted(ls, key=lambda l: l[0][3])))

    def first(ls, i):
        if indent:
            return abs(ls[i][0][1] - left - indent) < 0.6
        return i > 0 and ls[i][0][3] - ls[i - 1][0][3] > body * leading + 0.6

    def full(l, width):
        return l[-1][2] >= width - right - 0.6 * body

    def text(l):
        return "".join(ch[0] for ch in l)
    for (n, width, ls), (m, width2, nxt) in zip(pagelines, pagelines[1:]):
        if not ls or not nxt:
            continue
        foot, head = ls[-1], nxt[0]
        if first(ls, len(ls) - 1) and full(foot, width) and not first(nxt, 0):
            bad.append((f"page {n}", "orphan: " + text(foot)))
        alone = len(nxt) == 1 or first(nxt, 1) or nxt[1][0][3] - head[0][3] > body * leading + 0.6
        if full(foot, width) and not first(nxt, 0) and not full(head, width2) and alone:
            bad.append((f"page {m}", "widow: " + text(head)))
    return bad


if __name__ == "__main__":
    pages = chars(sys.argv[1])
    p = pairs(pages)
    print(f"punctuation pairs: {len(p)}, over 1.5 em: {sum(w > 1.5 + 0.01 for _, _, w in p)}")
    for where, t, w in p:
        if w > 1.51:
            print(f"  {where} {t} {w:.2f} em")
    b = boundaries(pages)
    quarter = [x for x in b if x[2] >= 0.25 - 0.01]
    print(f"Japanese–Latin boundaries: {len(b)}, with a quarter em: {len(quarter)}")
    for where, t, w in b[:0]:
        print(f"  {where} {t} {w:.2f}")
    for x in cell_lines(pages):
        print("  cell:", *x)
    for x in widows(pages, 10, 56.69, 56.69, 10 if p else 0, 1.75 if p else 1.45):
        print("  ", *x)


def footnotes(pages, top, bottom):
    """(where, what) of each footnote out of place: every note mark a page's text shows as a
    small superscript (※7) has its note (a line starting ※7) on that page, and the notes of
    the marks a page shows stand at its foot: below them, between the margins, only note
    lines. Also returns how many marks were found."""
    bad, marks = [], 0
    for n, _, height, lines in pages:
        body = [l for l in lines if top - 1 < l[0][3] < height - bottom + 1]
        refs = set()
        for l in body:
            big = max(ch[4] for ch in l)
            text = "".join(ch[0] for ch in l)
            for i, ch in enumerate(l):
                if ch[0] == "\u203b" and ch[4] < 0.8 * big and i > 0:
                    m = re.match(r"\d+", text[i + 1:])
                    if m:
                        refs.add(int(m.group()))
        marks += len(refs)
        notes = {}
        for l in body:
            m = re.match(r"\u203b(\d+)", "".join(ch[0] for ch in l))
            if m and max(ch[4] for ch in l) == l[0][4]:
                notes.setdefault(int(m.group(1)), l)
        for r in sorted(refs - set(notes)):
            bad.append((f"page {n}", f"\u203b{r} has no note on its page"))
        foot = [notes[r] for r in refs if r in notes]
        if foot:
            y0, size = min(l[0][3] for l in foot), foot[0][0][4]
            below = ["".join(ch[0] for ch in l) for l in body if l[0][3] > y0 and abs(l[0][4] - size) > 0.3]
            bad += [(f"page {n}", f"text below the notes: {t[:40]}") for t in below]
    return bad, marks

