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
    /StructParent, and has a /Contents.
struct_text(pdf, types) is the text of the elements of those types, in the order of the tree
(pdfinfo -struct-text)."""
import base64, json, os, re, shutil, subprocess, sys, tempfile

CONTENT_TYPES = {"P", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "Lbl", "LBody", "TD", "TH", "Caption",
                 "Note", "TOCI"}


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
        elif m.group(4):
            stack.append(m.group(4))
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


def check(pdf):
    problems, counts = [], {}
    objs, pages, trailer = load(pdf)
    cat = value(objs, trailer.get("/Root"))
    if not (value(objs, cat.get("/MarkInfo")) or {}).get("/Marked"):
        problems.append("the catalog has no /MarkInfo /Marked true")
    if not (value(objs, cat.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle"):
        problems.append("the catalog has no /ViewerPreferences /DisplayDocTitle true")
    if not cat.get("/Lang"):
        problems.append("the catalog has no /Lang")
    if b"<dc:title>" not in stream_data(objs, cat.get("/Metadata", "")):
        problems.append("the catalog has no XMP /Metadata with the dc:title")
    root_ref = cat.get("/StructTreeRoot")
    root = value(objs, root_ref)
    if not root:
        return problems + ["the catalog has no /StructTreeRoot"], counts
    page_index = {ref: i for i, ref in enumerate(pages)}
    # The tree: every element, its MCRs.
    mcrs = {}  # (page, mcid) -> element ref
    objr = {}  # annotation ref -> Link element ref
    todo = list(value(objs, root.get("/K")) or [])
    todo = todo if isinstance(todo, list) else [todo]
    seen, level = set(), 0
    while todo:  # depth first: the reading order
        ref = todo.pop(0)
        if ref in seen:
            problems.append(f"the element {ref} is in the tree twice")
            continue
        seen.add(ref)
        el = value(objs, ref) or {}
        kind = el.get("/S", "?").lstrip("/")
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "Figure" and not re.sub(r"^u:", "", el.get("/Alt", "")).strip():
            problems.append(f"a Figure without /Alt ({ref})")
        if kind == "Note" and not el.get("/ID"):
            problems.append(f"a Note without /ID ({ref})")
        if kind == "TH" and "/Scope" not in json.dumps(value(objs, el.get("/A")) or {}):
            problems.append(f"a TH without /Scope ({ref})")
        if re.fullmatch(r"H[1-6]", kind):
            if int(kind[1]) > level + 1:
                problems.append(f"a heading skips a level: {kind} after H{level} ({ref})")
            level = int(kind[1])
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
                    problems.append(f"an annotation is the object of a {kind}, not a Link ({ref})")
            elif isinstance(k, (int, float)):
                key = (page_index.get(el.get("/Pg"), -1), int(k))
                mcrs[key] = ref
            elif isinstance(k, str):
                children.append(k)
        todo[:0] = children
    # The parent tree: each page's MCIDs back to their elements.
    nums, nodes = [], [value(objs, root.get("/ParentTree")) or {}]
    while nodes:  # a number tree: its leaves' /Nums, in order
        node = nodes.pop(0)
        nums += value(objs, node.get("/Nums")) or []
        nodes[:0] = [value(objs, k) or {} for k in value(objs, node.get("/Kids")) or []]
    raw = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}  # as written: references
    parent = {k: value(objs, v) for k, v in raw.items()}
    # The pages' content.
    used = set()
    for i, ref in enumerate(pages):
        pg = value(objs, ref)
        if "/StructParents" not in pg:
            problems.append(f"page {i + 1} has no /StructParents")
            continue
        if pg.get("/Tabs") != "/S":
            problems.append(f"page {i + 1} has no /Tabs /S")
        contents = pg.get("/Contents")
        data = b"".join(stream_data(objs, c) for c in (contents if isinstance(contents, list) else [contents]))
        table = parent.get(int(pg["/StructParents"])) or []
        marks, in_text, outside = [], False, 0
        for op, args in operators(data):
            if op in ("BDC", "BMC"):
                tag = args[0] if args else "?"
                mcid = None
                if op == "BDC" and "/MCID" in args:
                    mcid = int(args[args.index("/MCID") + 1])
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
            elif op in ("Tj", "TJ", "'", '"') and not marks:
                outside += 1
        if marks:
            problems.append(f"page {i + 1}: marked content not closed")
        if outside:
            problems.append(f"page {i + 1}: {outside} texts outside marked content")
    for i, ref in enumerate(pages):
        for a in value(objs, value(objs, ref).get("/Annots")) or []:
            an = value(objs, a) or {}
            if an.get("/Subtype") != "/Link":
                continue
            key = an.get("/StructParent")
            if not an.get("/Contents"):
                problems.append(f"page {i + 1}: the link annotation {a} has no /Contents")
            if a not in objr:
                problems.append(f"page {i + 1}: a link annotation ({a}) is in no Link element")
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
        for how, want in (("alt", "without /Alt"), ("mcid", "MCID"), ("untagged", "outside marked content")):
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
