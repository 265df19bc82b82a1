"""The structure of a tagged PDF (ISO 32000-1 14.7 and 14.8), read back from the file.

usage: python3 tests/tagged.py PDF...      prints what is wrong with each, exit 1 if anything
       python3 tests/tagged.py --self-test PDF
                                           damages copies of PDF and checks that each damage
                                           is found

check(pdf) reads the file through qpdf's JSON (objects, decoded content streams) and returns
(problems, counts):
  - the catalog says /MarkInfo /Marked true, names a /StructTreeRoot, a /Lang,
    /ViewerPreferences /DisplayDocTitle true and XMP /Metadata with the dc:title;
  - every page has /StructParents and /Tabs /S;
  - in every content stream, text is shown only inside marked content (an element's, with an
    MCID, or an artifact's), marked content is balanced and never crosses BT/ET;
  - every MCID of a page is the content of the element the parent tree gives for it, and that
    element's /K holds it (an MCR of that page); every MCR of the tree is on its page;
  - every Figure has a non-empty /Alt; every TH has /Scope in its attributes; every Note
    has an /ID; in reading
    order no heading is more than one level below the one before it (H2 then H4);
  - every link annotation is the object (OBJR) of a Link element, found again through its
    /StructParent, and has a /Contents;
  - the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that apply to a booklet, each named
    by its number in veraPDF's PDF/UA-1 validation profile (veraPDF-validation-profiles,
    PDF_UA/PDFUA-1.xml), e.g. "[7.2-42]": the identifier in the XMP (5-1, 5-2), the header
    (6.1-1), no Suspects (7.1-4), only standard structure types and no remapped ones (7.1-5,
    7.1-7), every element's /P (7.1-12), where tables, lists and contents may stand and what
    they may hold (7.2-3 … 7.2-40), languages written as BCP 47 tags (7.2-29), rows of
    as many columns (7.2-42), H and Hn not mixed (7.4.4), data cells that a header cell heads
    (7.5), unique Note IDs (7.9-2), every painted path, image and text marked as content or
    artifact and the two never nested (7.1-1 … 7.1-3), no reference XObjects (7.20-1), and the
    fonts (7.21): composite fonts with Identity-H and a CIDToGIDMap, font programs embedded,
    every glyph shown present in its font program, with the same width in the font dictionary,
    mapped to Unicode (never to 0, U+FEFF or U+FFFE), and never .notdef.
struct_text(pdf, types) is the text of the elements of those types, in the order of the tree
(pdfinfo -struct-text)."""
import base64, json, os, re, shutil, subprocess, sys, tempfile

CONTENT_TYPES = {"P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "Lbl", "LBody", "TD", "TH", "Caption",
                 "Note", "TOCI"}


# ISO 32000-1 14.8.4: the standard structure types.
STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H
H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference
BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form""".split())
# PDF/UA-1 7.2 (veraPDF 7.2-4 … 7.2-26): the parents some types must have, and (7.2-3 … 7.2-40)
# the kids some may hold; a Caption only first (L, TOC) or first or last (Table).
PARENTS = {"TR": {"Table", "THead", "TBody", "TFoot"}, "THead": {"Table"}, "TBody": {"Table"},
           "TFoot": {"Table"}, "TH": {"TR"}, "TD": {"TR"}, "LI": {"L"}, "LBody": {"LI"}, "TOCI": {"TOC"}}
KIDS = {"Table": {"TR", "THead", "TBody", "TFoot", "Caption"}, "TR": {"TH", "TD"}, "THead": {"TR"},
        "TBody": {"TR"}, "TFoot": {"TR"}, "L": {"L", "LI", "Caption"}, "LI": {"Lbl", "LBody"},
        "TOC": {"TOC", "TOCI", "Caption"}}
LANG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def text_of(x):
    """A PDF string as qpdf's JSON gives it ("u:…" or "b:…")."""
    if isinstance(x, str) and x.startswith("u:"):
        return x[2:]
    if isinstance(x, str) and x.startswith("b:"):
        return bytes.fromhex(x[2:]).decode("latin-1")
    return x


def attributes(objs, el):
    """An element's attributes (/A: a dictionary or an array of them), merged."""
    a = value(objs, el.get("/A"))
    merged = {}
    for d in (a if isinstance(a, list) else [a]):
        d = value(objs, d)
        if isinstance(d, dict):
            merged.update(d)
    return merged


def truetype(data):
    """(units per em, glyph count, advance widths) of a TrueType font program."""
    n = int.from_bytes(data[4:6], "big")
    tables = {data[12 + 16 * i:16 + 16 * i]: int.from_bytes(data[20 + 16 * i:24 + 16 * i], "big") for i in range(n)}
    head, maxp, hhea, hmtx = (tables.get(t) for t in (b"head", b"maxp", b"hhea", b"hmtx"))
    upem = int.from_bytes(data[head + 18:head + 20], "big")
    glyphs = int.from_bytes(data[maxp + 4:maxp + 6], "big")
    metrics = int.from_bytes(data[hhea + 34:hhea + 36], "big")
    adv = [int.from_bytes(data[hmtx + 4 * i:hmtx + 4 * i + 2], "big") for i in range(metrics)]
    return upem, glyphs, adv


def cid_widths(objs, w):
    """A CIDFont's /W array as {cid: width}."""
    w, out, i = value(objs, w) or [], {}, 0
    while i < len(w):
        first, nxt = int(w[i]), value(objs, w[i + 1])
        if isinstance(nxt, list):
            out.update({first + k: float(v) for k, v in enumerate(nxt)})
            i += 2
        else:
            out.update({c: float(w[i + 2]) for c in range(first, int(nxt) + 1)})
            i += 3
    return out


def to_unicode(data):
    """A ToUnicode CMap's codes: {code: the UTF-16BE bytes it maps to}."""
    out = {}
    hexes = lambda t: [bytes.fromhex(h.decode()) for h in re.findall(rb"<([0-9A-Fa-f]*)>", t)]
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        h = hexes(block)
        out.update({int.from_bytes(h[i], "big"): h[i + 1] for i in range(0, len(h) - 1, 2)})
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            lo, hi = int(lo, 16), int(hi, 16)
            dsts = hexes(dst)
            for k, code in enumerate(range(lo, hi + 1)):
                if dst.startswith(b"["):
                    out[code] = dsts[k] if k < len(dsts) else b""
                else:
                    base = int.from_bytes(dsts[0], "big") + k
                    out[code] = base.to_bytes(len(dsts[0]), "big")
    return out


def load(pdf):
    """The file's objects by "N 0 R", and the pages' references in order."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "j.json")
        r = subprocess.run(["qpdf", "--json=2", "--json-stream-data=inline", "--decode-level=generalized", pdf, out],
                           capture_output=True, text=True)
        if r.returncode not in (0, 3):
            raise RuntimeError(r.stderr)
        j = json.load(open(out, encoding="utf-8"))
    objs = {}
    for k, v in j["qpdf"][1].items():
        if k.startswith("obj:"):
            objs[k[4:]] = v
    return objs, [p["object"] for p in j["pages"]], j["qpdf"][1]["trailer"]["value"]


def value(objs, x):
    """An object's value, following a reference."""
    while isinstance(x, str) and re.fullmatch(r"\d+ \d+ R", x):
        o = objs.get(x, {})
        x = o.get("value", o.get("stream", {}).get("dict"))
    return x


def stream_data(objs, ref):
    s = objs.get(ref, {}).get("stream", {})
    return base64.b64decode(s.get("data", "")) if "data" in s else b""


TOKEN = re.compile(rb"\s*(?:(%[^\r\n]*)|(\()|(<<|>>|\[|\]|\{|\})|(<[0-9A-Fa-f\s]*>)|(/[^\s/<>\[\]()%{}]*)|"
                   rb"([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'\"*]+))")


def operators(data):
    """(operator, operands) of a content stream; strings are kept as bytes, dicts skipped."""
    i, n, stack = 0, len(data), []
    depth = 0
    while i < n:
        m = TOKEN.match(data, i)
        if not m:
            i += 1
            continue
        i = m.end()
        if m.group(1):
            continue
        if m.group(2):  # a literal string, with nesting and escapes
            level, j, buf = 1, i, bytearray()
            while j < n and level:
                c = data[j]
                if c == 0x5C:
                    buf.append(data[j + 1] if j + 1 < n else 0)
                    j += 2
                    continue
                level += (c == 0x28) - (c == 0x29)
                if level:
                    buf.append(c)
                j += 1
            i = j
            stack.append(bytes(buf))
        elif m.group(3):
            tok = m.group(3)
            if tok == b"<<":
                depth += 1
            elif tok == b">>":
                depth -= 1
            stack.append(tok)
        elif m.group(4):  # a hex string: its bytes
            digits = re.sub(rb"\s", b"", m.group(4)[1:-1])
            stack.append(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode()))
        elif m.group(5):
            stack.append(m.group(5).decode("latin-1"))
        elif m.group(6):
            stack.append(float(m.group(6)))
        elif m.group(7):
            if depth:  # a key inside an inline dictionary (true, false …)
                stack.append(m.group(7))
                continue
            yield m.group(7).decode("latin-1"), stack
            stack = []


PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}
SHOW = {"Tj", "TJ", "'", '"'}


def catalog_rules(pdf, objs, cat, problems):
    """The catalog, the header and the XMP."""
    if not (value(objs, cat.get("/MarkInfo")) or {}).get("/Marked"):
        problems.append("the catalog has no /MarkInfo /Marked true [6.2-1]")
    if (value(objs, cat.get("/MarkInfo")) or {}).get("/Suspects") is True:
        problems.append("the catalog's /MarkInfo says /Suspects true [7.1-4]")
    if not (value(objs, cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle"):
        problems.append("the catalog has no /ViewerPreferences /DisplayDocTitle true [7.1-10]")
    lang = text_of(cat.get("/Lang"))
    if not lang:
        problems.append("the catalog has no /Lang [7.2-34]")
    elif not LANG.fullmatch(lang):
        problems.append(f"the catalog's /Lang {lang!r} is not a language tag [7.2-29]")
    with open(pdf, "rb") as f:
        if not re.match(rb"%PDF-1\.[0-7]\r?\n", f.read(10)):
            problems.append("the header is not %PDF-1.n [6.1-1]")
    xmp = stream_data(objs, cat.get("/Metadata", ""))
    if b"<dc:title>" not in xmp:
        problems.append("the catalog has no XMP /Metadata with the dc:title [7.1-8, 7.1-9]")
    ns = re.search(rb'xmlns:pdfuaid="http://www\.aiim\.org/pdfua/ns/id/"', xmp)
    part = re.search(rb'<pdfuaid:part>\s*(\d+)\s*</pdfuaid:part>|pdfuaid:part="(\d+)"', xmp)
    if not ns or not part:
        problems.append("the XMP has no PDF/UA identifier (pdfuaid:part) [5-1]")
    elif (part.group(1) or part.group(2)) != b"1":
        problems.append("the XMP's pdfuaid:part is not 1 [5-2]")
    roles = value(objs, value(objs, cat.get("/StructTreeRoot") or "") and
                  (value(objs, cat.get("/StructTreeRoot")) or {}).get("/RoleMap")) or {}
    for k, v in roles.items():
        if k.lstrip("/") in STANDARD:
            problems.append(f"the RoleMap maps the standard type {k} [7.1-7]")
    return roles


def table_rules(objs, ref, rows, ids, problems):
    """A table's rows (lists of (kind, attributes)): as many columns in each (7.2-42), every data
    cell headed by a header cell of its row or column, or by its /Headers (7.5), whose IDs
    (`ids`: ID -> type) name header cells."""
    taken, grid, width = set(), [], None  # (row, col) covered; cells (row, first col, span, kind, attrs)
    wide = {}  # row -> the columns it covers
    for r, cells in enumerate(rows):
        col = 0
        for kind, a in cells:
            while (r, col) in taken:
                col += 1
            cs, rs = int(a.get("/ColSpan", 1)), int(a.get("/RowSpan", 1))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, col + dc))
                wide[r + dr] = max(wide.get(r + dr, 0), col + cs)
            grid.append((r, col, cs, kind, a))
            col += cs
        n = wide.get(r, 0)
        if width is None:
            width = n
        elif n != width:
            problems.append(f"a table's row {r + 1} has {n} columns, its first {width} ({ref}) [7.2-42]")
    row_heads, col_heads = set(), set()  # the rows and columns a header cell heads
    for r, col, cs, kind, a in grid:
        if kind == "TH" and a.get("/Scope") in ("/Row", "/Both"):
            row_heads.add(r)
        if kind == "TH" and a.get("/Scope") in ("/Column", "/Both"):
            col_heads.update(range(col, col + cs))
    for r, col, cs, kind, a in grid:
        named = [text_of(h) for h in value(objs, a.get("/Headers")) or []]
        if any(ids.get(h) != "TH" for h in named):
            problems.append(f"a cell's /Headers {named} names no header cell ({ref}) [7.5-1]")
            return
        if kind == "TD" and not named and r not in row_heads and \
                not col_heads.intersection(range(col, col + cs)):
            problems.append(f"a data cell (row {r + 1}, column {col + 1}) has no header cell ({ref}) [7.5-1]")
            return


def font_rules(objs, fonts, shown, problems):
    """The fonts the pages use (7.21), and the codes shown in each (`shown`: font ref -> codes)."""
    for ref in sorted(fonts):
        f = value(objs, ref) or {}
        name = f.get("/BaseFont", ref)
        if f.get("/Subtype") != "/Type0":
            desc = value(objs, f.get("/FontDescriptor")) or {}
            if f.get("/Subtype") != "/Type3" and not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"the font {name} is not embedded [7.21.4.1-1]")
            continue
        if f.get("/Encoding") not in ("/Identity-H", "/Identity-V"):
            problems.append(f"the font {name} has the encoding {f.get('/Encoding')} [7.21.3.1-1]")
        cid = value(objs, (value(objs, f.get("/DescendantFonts")) or [None])[0]) or {}
        desc = value(objs, cid.get("/FontDescriptor")) or {}
        program = desc.get("/FontFile2")
        if not program:
            problems.append(f"the font {name} is not embedded as TrueType [7.21.4.1-1]")
            continue
        gidmap = cid.get("/CIDToGIDMap")
        if cid.get("/Subtype") == "/CIDFontType2" and not gidmap:
            problems.append(f"the font {name} has no /CIDToGIDMap [7.21.3.2-1]")
        upem, nglyphs, adv = truetype(stream_data(objs, program))
        gids = None if gidmap == "/Identity" else stream_data(objs, gidmap)
        widths, dw = cid_widths(objs, cid.get("/W")), float(cid.get("/DW", 1000))
        tu = to_unicode(stream_data(objs, f.get("/ToUnicode", ""))) if f.get("/ToUnicode") else None
        if tu is None:
            problems.append(f"the font {name} has no /ToUnicode [7.21.7-1]")
        bad = {}
        for code in sorted(shown.get(ref, ())):
            gid = code if gids is None else int.from_bytes(gids[2 * code:2 * code + 2], "big")
            if gid == 0:
                bad.setdefault("shows .notdef [7.21.8-1]", code)
            elif gid >= nglyphs:
                bad.setdefault("shows a glyph its program lacks [7.21.4.1-2]", code)
            else:
                font_w = adv[min(gid, len(adv) - 1)] * 1000 / upem
                if abs(font_w - widths.get(code, dw)) > 1:
                    bad.setdefault(f"gives a width its program does not ({widths.get(code, dw)} for "
                                   f"{font_w:.0f}) [7.21.5-1]", code)
            if tu is not None:
                u = tu.get(code)
                if not u:
                    bad.setdefault("shows a code without Unicode [7.21.7-1]", code)
                elif any(u[i:i + 2] in (b"\0\0", b"\xfe\xff", b"\xff\xfe") for i in range(0, len(u), 2)):
                    bad.setdefault("maps a code to U+0000, U+FEFF or U+FFFE [7.21.7-2]", code)
        for what, code in bad.items():
            problems.append(f"the font {name} {what} (code {code:04X})")


def check(pdf):
    problems, counts = [], {}
    objs, pages, trailer = load(pdf)
    cat = value(objs, trailer.get("/Root"))
    roles = catalog_rules(pdf, objs, cat, problems)
    root_ref = cat.get("/StructTreeRoot")
    root = value(objs, root_ref)
    if not root:
        return problems + ["the catalog has no /StructTreeRoot [7.1-11]"], counts
    page_index = {ref: i for i, ref in enumerate(pages)}
    # The tree: every element, its MCRs.
    mcrs = {}  # (page, mcid) -> element ref
    objr = {}  # annotation ref -> Link element ref
    todo = list(value(objs, root.get("/K")) or [])
    todo = todo if isinstance(todo, list) else [todo]
    todo = [(k, root_ref) for k in todo]
    seen, level, kinds, note_ids, tables, ids = set(), 0, {}, set(), [], {}
    std = lambda ref: roles.get("/" + kinds.get(ref, ""), "/" + kinds.get(ref, "")).lstrip("/")
    while todo:  # depth first: the reading order
        ref, up = todo.pop(0)
        if ref in seen:
            problems.append(f"the element {ref} is in the tree twice")
            continue
        seen.add(ref)
        el = value(objs, ref) or {}
        kind = el.get("/S", "?").lstrip("/")
        kinds[ref] = kind
        counts[kind] = counts.get(kind, 0) + 1
        if kind not in STANDARD and roles.get("/" + kind, "").lstrip("/") not in STANDARD:
            problems.append(f"the type {kind} is not standard nor mapped to one ({ref}) [7.1-5]")
        if el.get("/P") != up:
            problems.append(f"the element {ref} does not name its parent as /P [7.1-12]")
        if el.get("/Lang") and not LANG.fullmatch(text_of(el["/Lang"])):
            problems.append(f"the /Lang of {ref} is not a language tag [7.2-29]")
        if kind == "Figure" and not text_of(el.get("/Alt", "")).strip():
            problems.append(f"a Figure without /Alt ({ref}) [7.3-1]")
        if el.get("/ID"):
            ids[text_of(el["/ID"])] = kind
        if kind == "Note":
            nid = text_of(el.get("/ID", ""))
            if not nid:
                problems.append(f"a Note without /ID ({ref}) [7.9-1]")
            elif nid in note_ids:
                problems.append(f"two Notes have the /ID {nid!r} [7.9-2]")
            note_ids.add(nid)
        if kind == "TH" and "/Scope" not in attributes(objs, el):
            problems.append(f"a TH without /Scope ({ref}) [7.5-1]")
        if re.fullmatch(r"H[1-6]", kind):
            if int(kind[1]) > level + 1:
                problems.append(f"a heading skips a level: {kind} after H{level} ({ref}) [7.4.2-1]")
            level = int(kind[1])
        if kind == "Table":
            tables.append(ref)
        kids = value(objs, el.get("/K"))
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        children = []
        for k in kids:
            kv = value(objs, k) if isinstance(k, str) else k
            if isinstance(kv, dict) and kv.get("/Type") == "/MCR":
                key = (page_index.get(kv.get("/Pg"), -1), int(kv.get("/MCID", -1)))
                if key in mcrs:
                    problems.append(f"MCID {key[1]} of page {key[0] + 1} is the content of two elements")
                mcrs[key] = ref
            elif isinstance(kv, dict) and kv.get("/Type") == "/OBJR":
                objr[kv.get("/Obj")] = ref
                if kind != "Link":
                    problems.append(f"an annotation is the object of a {kind}, not a Link ({ref}) [7.18.5-1]")
            elif isinstance(k, (int, float)):
                key = (page_index.get(el.get("/Pg"), -1), int(k))
                mcrs[key] = ref
            elif isinstance(k, str):
                children.append((k, ref))
        todo[:0] = children
    # Where each type stands and what it holds (7.2), H and Hn not mixed (7.4.4).
    parent_of = {ref: (value(objs, ref) or {}).get("/P") for ref in kinds}
    kids_of = {}  # element -> its child elements, in reading order (kinds keeps the walk's)
    for ref in kinds:
        kids_of.setdefault(parent_of[ref], []).append(ref)
    for ref in kinds:
        t, up = std(ref), std(parent_of[ref]) if parent_of[ref] in kinds else "StructTreeRoot"
        if t in PARENTS and up not in PARENTS[t]:
            problems.append(f"a {t} in a {up} ({ref}) [7.2-4 … 7.2-26]")
        mine = [std(k) for k in kids_of.get(ref, [])]
        if t in KIDS and set(mine) - KIDS[t]:
            problems.append(f"a {t} holds a {sorted(set(mine) - KIDS[t])[0]} ({ref}) [7.2-3 … 7.2-37]")
        if "Caption" in mine:
            where = [i for i, k in enumerate(mine) if k == "Caption"]
            allowed = {0, len(mine) - 1} if t == "Table" else {0}
            if len(where) > 1 or where[0] not in allowed:
                problems.append(f"a {t}'s Caption is not its first kid ({ref}) [7.2-16, 7.2-28, 7.2-40]")
        if mine.count("H") > 1:
            problems.append(f"an element holds two H ({ref}) [7.4.4-1]")
    used_kinds = set(kinds.values())
    if "H" in used_kinds and used_kinds & {"H1", "H2", "H3", "H4", "H5", "H6"}:
        problems.append("the tree uses both H and H1–H6 [7.4.4-2]")
    for ref in tables:
        rows = []
        for kid in kids_of.get(ref, []):
            for tr in [kid] if std(kid) == "TR" else kids_of.get(kid, []):
                rows.append([(std(c), attributes(objs, value(objs, c))) for c in kids_of.get(tr, [])
                             if std(c) in ("TH", "TD")])
        table_rules(objs, ref, rows, ids, problems)
    # The parent tree: each page's MCIDs back to their elements.
    nums, nodes = [], [value(objs, root.get("/ParentTree")) or {}]
    while nodes:  # a number tree: its leaves' /Nums, in order
        node = nodes.pop(0)
        nums += value(objs, node.get("/Nums")) or []
        nodes[:0] = [value(objs, k) or {} for k in value(objs, node.get("/Kids")) or []]
    raw = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}  # as written: references
    parent = {k: value(objs, v) for k, v in raw.items()}
    # The pages' content.
    used, fonts, shown = set(), set(), {}
    for i, ref in enumerate(pages):
        pg = value(objs, ref)
        res = value(objs, pg.get("/Resources")) or {}
        page_fonts = value(objs, res.get("/Font")) or {}
        fonts.update(v for v in page_fonts.values())
        for x in (value(objs, res.get("/XObject")) or {}).values():
            if "/Ref" in (value(objs, x) or {}):
                problems.append(f"page {i + 1}: a reference XObject [7.20-1]")
        if "/StructParents" not in pg:
            problems.append(f"page {i + 1} has no /StructParents")
            continue
        if pg.get("/Tabs") != "/S":
            problems.append(f"page {i + 1} has no /Tabs /S [7.18.3-1]")
        contents = pg.get("/Contents")
        data = b"".join(stream_data(objs, c) for c in (contents if isinstance(contents, list) else [contents]))
        table = parent.get(int(pg["/StructParents"])) or []
        marks, in_text, outside, font = [], False, {}, None
        for op, args in operators(data):
            if op in ("BDC", "BMC"):
                tag = args[0] if args else "?"
                mcid = None
                if op == "BDC" and "/MCID" in args:
                    mcid = int(args[args.index("/MCID") + 1])
                if mcid is not None and any(m[0] == "/Artifact" for m in marks):
                    problems.append(f"page {i + 1}: content inside an artifact [7.1-2]")
                if tag == "/Artifact" and any(m[1] is not None for m in marks):
                    problems.append(f"page {i + 1}: an artifact inside content [7.1-1]")
                marks.append((tag, mcid, in_text))
                if mcid is not None:
                    used.add((i, mcid))
                    el = table[mcid] if mcid < len(table) else None
                    if el is None:
                        problems.append(f"page {i + 1}: MCID {mcid} has no element in the parent tree")
                    elif mcrs.get((i, mcid)) != el:
                        problems.append(f"page {i + 1}: MCID {mcid} is not in the /K of its element {el}")
                    elif (value(objs, el) or {}).get("/S", "").lstrip("/") != tag.lstrip("/"):
                        problems.append(f"page {i + 1}: MCID {mcid} is marked {tag}, its element is not")
                elif tag != "/Artifact":
                    problems.append(f"page {i + 1}: marked content {tag} without an MCID")
            elif op == "EMC":
                if not marks:
                    problems.append(f"page {i + 1}: EMC without BDC")
                elif marks.pop()[2] != in_text:
                    problems.append(f"page {i + 1}: marked content crosses BT/ET")
            elif op == "BT":
                in_text = True
            elif op == "ET":
                in_text = False
            elif op == "Tf" and args:
                font = page_fonts.get(args[0])
            elif op in SHOW or op in PAINT:
                if not marks:
                    what = "texts" if op in SHOW else "paths, images or shadings"
                    outside[what] = outside.get(what, 0) + 1
                if op in SHOW and font:
                    codes = shown.setdefault(font, set())
                    for s in args:
                        if isinstance(s, bytes):
                            codes.update(int.from_bytes(s[k:k + 2], "big") for k in range(0, len(s) - 1, 2))
        if marks:
            problems.append(f"page {i + 1}: marked content not closed")
        for what, n in outside.items():
            problems.append(f"page {i + 1}: {n} {what} outside marked content [7.1-3]")
    font_rules(objs, fonts, shown, problems)
    for i, ref in enumerate(pages):
        for a in value(objs, value(objs, ref).get("/Annots")) or []:
            an = value(objs, a) or {}
            hidden = int(an.get("/F", 0)) & 2
            if not hidden and an.get("/Subtype") != "/Widget" and not an.get("/Contents"):
                problems.append(f"page {i + 1}: the annotation {a} has no /Contents [7.18.1-2]")
            if an.get("/Subtype") != "/Link":
                if not hidden and an.get("/Subtype") not in ("/Widget", "/PrinterMark"):
                    problems.append(f"page {i + 1}: the annotation {a} is not a link [7.18.1-1]")
                continue
            key = an.get("/StructParent")
            if a not in objr:
                problems.append(f"page {i + 1}: a link annotation ({a}) is in no Link element [7.18.5-1]")
            elif key is None or raw.get(int(key)) != objr[a]:
                problems.append(f"page {i + 1}: the link annotation {a} does not lead back to its Link")
    counts["Link annotation"] = len(objr)
    for key in sorted(set(mcrs) - used):
        problems.append(f"page {key[0] + 1}: the tree names MCID {key[1]}, which the page does not mark")
    counts["MCID"] = len(used)
    return problems, counts


def struct_text(pdf, types=CONTENT_TYPES):
    """The text of the elements of `types` (and of their children), in the order of the tree."""
    out = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
    texts, stack, last, count = [], [], None, 0
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if body.startswith('"'):
            if any(t in types for _, t, _ in stack):
                text = body[1:-1] if body.endswith('"') else body[1:]
                # the text of a block, its links' text included, on one line
                block = next((n for _, t, n in reversed(stack) if t != "Link"), None)
                if block == last and texts:
                    texts[-1] += text
                else:
                    texts.append(text)
                last = block
        elif body and not body.startswith("/"):
            count += 1
            stack.append((indent, re.split(r"[\s:(]", body)[0], count))
    return "\n".join(texts)


def damaged(pdf, tmp, how):
    """A copy of pdf, uncompressed (qpdf --qdf), damaged one way, its lengths mended (fix-qdf)."""
    qdf = os.path.join(tmp, "qdf.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = open(qdf, "rb").read()
    if how == "alt":  # a figure loses its text alternative
        m = re.search(rb"/Alt (\([^)]*\)|<[0-9A-Fa-f]*>)(?=[^>]*?/S /Figure)", data, re.S) or \
            re.search(rb"/Alt (\([^)]*\)|<[0-9A-Fa-f]*>)", data)
        data = data[:m.start()] + b"/Xlt" + data[m.start() + 4:]
    elif how == "mcid":  # a sequence's MCID that no element holds
        m = re.search(rb"/MCID (\d+)>>\s*BDC", data)
        data = data[:m.start(1)] + b"9999" + data[m.end(1):]
    elif how == "untagged":  # text outside any marked content
        m = re.search(rb"/P\s*<</MCID \d+>>\s*BDC\n", data)
        end = data.index(b"EMC\n", m.end())
        data = data[:m.start()] + b" " * (m.end() - m.start()) + data[m.end():end] + b"    " + data[end + 4:]
    elif how == "path":  # an artifact's rule no longer marked
        m = re.search(rb"/Artifact BMC\n((?:(?!EMC).)*? re\n(?:(?!EMC).)*?)EMC\n", data, re.S)
        data = data[:m.start()] + b" " * 13 + m.group(1) + b"    " + data[m.end():]
    elif how == "identifier":  # no PDF/UA identifier
        data = data.replace(b"<pdfuaid:part>1</pdfuaid:part>", b"<pdfuaid:xart>1</pdfuaid:xart>")
    elif how == "scope":  # a header cell without its scope: its column's cells have no header
        data = re.sub(rb"/Scope /(Column|Row|Both)", rb"/Xcope /\1", data)
    elif how == "width":  # the glyphs' widths in a font dictionary not its program's
        m = re.search(rb"/W \[(.*?)\n  \]", data, re.S)
        wider = re.sub(rb"\[[^\[\]]*\]", lambda g: re.sub(rb"\d+", lambda w: b"%d" % (int(w.group()) + 100),
                                                          g.group()), m.group(1))
        data = data[:m.start(1)] + wider + data[m.end(1):]
    elif how == "colspan":  # a cell's span wider than its table
        data = re.sub(rb"/ColSpan \d", b"/ColSpan 9", data, count=1)
    bad = os.path.join(tmp, how + ".qdf")
    open(bad, "wb").write(data)
    fixed = os.path.join(tmp, how + ".pdf")
    with open(fixed, "wb") as f:
        subprocess.run(["fix-qdf", bad], stdout=f, check=True)
    return fixed


def self_test(pdf):
    """Each damage is found; the file as written has none."""
    failed = 0
    problems, _ = check(pdf)
    if problems:
        print(f"FAIL self-test: {pdf} has problems to begin with: {problems[:3]}")
        failed += 1
    with tempfile.TemporaryDirectory() as tmp:
        spans = b"/ColSpan" in subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"],
                                               capture_output=True).stdout
        for how, want in (("alt", "without /Alt"), ("mcid", "MCID"), ("untagged", "outside marked content"),
                          ("path", "paths, images or shadings outside marked content [7.1-3]"),
                          ("identifier", "[5-1]"), ("scope", "has no header cell"), ("width", "[7.21.5-1]"),
                          ("colspan", "[7.2-42]") if spans else (None, None)):
            if not how:
                continue
            problems, _ = check(damaged(pdf, tmp, how))
            if not any(want in p for p in problems):
                print(f"FAIL self-test: damage '{how}' is not found ({problems[:3]})")
                failed += 1
    return failed


def main():
    args = sys.argv[1:]
    if args[:1] == ["--self-test"]:
        return 1 if self_test(args[1]) else 0
    bad = 0
    for pdf in args:
        problems, counts = check(pdf)
        for p in problems[:20]:
            print(f"{pdf}: {p}")
        bad += len(problems)
        print(f"{pdf}: {len(problems)} problems; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
