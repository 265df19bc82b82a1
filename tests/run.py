#!/usr/bin/env python3
"""Runs every plangen test and prints "N passed, N failed".

usage: tests/run.py [--fuzz FUZZ_BUILD] PLANGEN UNIT [PLANGEN UNIT]...   (pairs: normal, then sanitized)

Suites:
  unit        tests/unit.c (buffer, UTF-8, numbers, soft breaks, values, seed counts)
  errors      tests/errors.txt: a change to the fixture content and the exact messages
  content     the real content/ checks clean with --strict and prints the seed's counts
  mutations   in a copy of content/: every number turned into a word, keys misspelt,
              YAML syntax broken, invalid UTF-8 — each must fail at the right line:col
  build       two builds are byte-identical; a failed build leaves the output untouched
  pathological  huge and deeply nested inputs, each within a time limit
  faithful    every sentence and number-with-unit of the seed is in the Japanese content
  generic     no Japanese text in src/ (but the line breaker's classes), no content id
  base_path   no sitemap without base_url; a site-relative base_url (/plan/); 404 at any depth
  site        tests/web/check.js on a fresh build, and the seed in the Japanese pages
  plan2       tests/plan2, a second plan of another shape: check --strict, the whole of
              check.js (--static for the sanitized build), pdf_test.py and data_test.py
              with --content tests/plan2, the statuses of its site and booklet against
              its open data, two builds byte-identical, and checks of its own pages
  hostile     check.js --static on the site of hostile content (script, event handlers,
              markup in YAML texts, links elsewhere): nothing live, nothing fetched
  pdf         tests/layout_unit.c (line breaking) and tests/pdf_test.py on the booklets
  sitemap     sitemap.xml stays well-formed with & < > " ' in the base URL and a page name
  data        tests/data_test.py on the open data, and its self-test (content/ and
              tests/plan2); texts that a spreadsheet would run as formulas are
              neutralised in the CSV only
  fuzz        with --fuzz: a short pass of the pipeline fuzz target (tests/fuzz_build.c)
"""
import csv, glob, io, json, os, re, shlex, shutil, subprocess, sys, tempfile, time, urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_content  # noqa: E402  (the tests' own reading of a content folder)

# The messages compared below are plangen's English ones; suite_messages asks for Japanese.
os.environ["LANGUAGE"] = "en"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
passed = failed = 0


def ok(cond, name, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f"\n{detail}" if detail else ""), file=sys.stderr)
    return cond


def pdf_text(pdf):
    """The text of a booklet as pdftotext reads it, without the spaces it reads into the quarter
    em that the booklet sets between Japanese and Latin letters or digits (図 1 → 図1)."""
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    ja = "\u3041-\u30ff\u3400-\u9fff"
    return re.sub(rf"(?<=[0-9A-Za-z%])[ ](?=[{ja}])|(?<=[{ja}])[ ](?=[0-9A-Za-z])", "", text)


def link_annots(pdf):
    """A booklet's link annotations: (description, annotation) each, and the objects
    and page objects (in order) of its QDF form."""
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"], capture_output=True).stdout
    objs = {int(m.group(1)): m.group(2) for m in re.finditer(rb"^(\d+) 0 obj\n(.*?)^endobj", q, re.M | re.S)}
    pages = [int(n) for n in re.findall(rb"^%% Page \d+\n%% Original object ID: \d+ \d+\n(\d+) 0 obj", q, re.M)]
    annots = []
    for body in objs.values():
        text = re.search(rb"/Contents <feff([0-9a-f]*)>", body)
        if b"/Subtype /Link" in body:
            annots.append((bytes.fromhex(text.group(1).decode()).decode("utf-16-be").strip() if text else "", body))
    return annots, objs, pages


def link_pages(pdf, label):
    """The pages (from 1) a booklet's link whose description is `label` is on and leads
    to inside the booklet; (page, None) for a link out of it, None when there is none."""
    annots, objs, pages = link_annots(pdf)
    for text, body in annots:
        if text == label:
            on = int(re.search(rb"/P (\d+) 0 R", body).group(1))
            dest = re.search(rb"/Dest (?:(\d+) 0 R|\[\s*(\d+) 0 R)", body)
            if not dest:
                return pages.index(on) + 1, None
            page = int(dest.group(2)) if dest.group(2) else int(re.search(rb"\[\s*(\d+) 0 R", objs[int(dest.group(1))]).group(1))
            return pages.index(on) + 1, pages.index(page) + 1
    return None


def pdf_text_page(pdf, page):
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), pdf, "-"], capture_output=True,
                          text=True).stdout


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=60, **kw)


def parse_cases(path):
    """Cases: '### title', then 'file:', 'args:', 'rename:'/'copy:' (two paths in
    the content, done first), '-'/'+' pairs, 'exit:', and the expected stderr
    between '<<<' and '>>>'."""
    cases, cur, expect = [], None, None
    for line in open(path, encoding="utf-8").read().split("\n"):
        if expect is not None:
            if line == ">>>":
                cur["expected"] = "\n".join(expect) + "\n" if expect else ""
                expect = None
            else:
                expect.append(line)
        elif line.startswith("### "):
            cur = {"title": line[4:], "edits": [], "args": [], "exit": 1, "file": None, "moves": []}
            cases.append(cur)
        elif line.startswith("file: "):
            cur["file"] = line[6:]
        elif line.startswith(("rename: ", "copy: ")):
            cur["moves"].append(shlex.split(line))  # a path with a space is quoted
        elif line.startswith("args: "):
            cur["args"] = line[6:].split()
        elif line.startswith("exit: "):
            cur["exit"] = int(line[6:])
        elif line.startswith("- "):
            cur["edits"].append([cur["file"], line[2:], None])
        elif line.startswith("+ ") or line == "+":
            cur["edits"][-1][2] = line[2:]
        elif line == "<<<":
            expect = []
    return cases


def unescape(s):
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1") if "\\" in s else s.encode("utf-8")


def apply_case(case, tmp):
    for op, src, dst in case["moves"]:
        (os.rename if op == "rename:" else shutil.copy)(os.path.join(tmp, src), os.path.join(tmp, dst))
    for name, find, repl in case["edits"]:
        path = os.path.join(tmp, name)
        data = open(path, "rb").read()
        f = unescape(find)
        if f not in data:
            raise ValueError(f"{case['title']}: '{find}' not in {name}")
        open(path, "wb").write(data.replace(f, unescape(repl or ""), 1))


def suite_errors(plangen, update=False):
    plangen = os.path.abspath(plangen)
    cases = parse_cases("tests/errors.txt")
    out_lines = []
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            content = os.path.join(tmp, "content")
            shutil.copytree("tests/fixture", content)
            apply_case(case, content)
            r = run([plangen, "check", "--content", content] + case["args"], cwd=tmp)
            got = r.stderr.decode("utf-8", "replace").replace(content, "content")
            # the summary line differs by nothing but is not part of a message
            if update:
                case["expected"] = got
                case["exit"] = r.returncode
            ok(r.returncode == case["exit"], f"errors: {case['title']}: exit {r.returncode}, want {case['exit']}", got)
            # A crash is never the expected outcome, even one written into the case by --update-errors.
            ok(0 <= r.returncode <= 2 and "Sanitizer" not in got and "runtime error" not in got,
               f"errors: {case['title']}: no crash", got[-800:])
            ok(got == case["expected"], f"errors: {case['title']}: messages differ",
               "--- want\n" + case.get("expected", "") + "--- got\n" + got)
    return cases


def suite_content(plangen):
    r = run([plangen, "check", "--strict"])
    out = r.stdout.decode()
    ok(r.returncode == 0, "content: check --strict exits 0", r.stderr.decode()[-3000:])
    ok("3 policies, 7 measures, 62 indicators (first 23, revised 39)" in out, "content: summary counts", out)
    ok("English: 100.0%" in out, "content: English coverage 100%", out)


NUMBER = re.compile(r"(?<![\w.\-\"'])(-?\d+(?:\.\d+)?)(?=\s*(?:[,\]}#]|$))")
KEY = re.compile(r"^(\s*(?:- )?)([a-z_]+):(?=\s|$)")


def yaml_files():
    return sorted(f for f in os.listdir("content") if f.endswith(".yaml"))


def check_fails_at(plangen, tmp, name, rel, line, col, what):
    r = run([plangen, "check", "--content", tmp])
    err = r.stderr.decode("utf-8", "replace")
    want = f"{tmp}/{rel}:{line}:{col}: error:"
    return ok(r.returncode == 1 and want in err and "Sanitizer" not in err,
              f"mutations: {what} in {rel}:{line}:{col} ({name})", f"exit {r.returncode}\n" + err[:1500])


def suite_mutations(plangen, every=1):
    """Each mutation is made alone in a fresh copy of content/."""
    with tempfile.TemporaryDirectory() as base:
        tmp = os.path.join(base, "content")
        for rel in yaml_files():
            lines = open(os.path.join("content", rel), encoding="utf-8").read().split("\n")
            muts = []
            for i, line in enumerate(lines):
                code = line.split(" #")[0]
                for m in NUMBER.finditer(code):
                    # a number as a YAML value (after ': ', '- ', '[' or ', ')
                    before = code[:m.start()].rstrip()
                    if before.endswith((":", "[", ",", "-")):
                        muts.append(("number → word", i, m.start(), m.end(), "many"))
                k = KEY.match(line)
                if k:
                    muts.append(("misspelt key", i, k.end(1), k.end(2), k.group(2) + "x"))
            muts = muts[::every]
            # syntax: an unclosed flow bracket on the first indicator-ish line with '{'
            for n, (what, i, a, b, repl) in enumerate(muts):
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.copytree("content", tmp)
                new = list(lines)
                new[i] = new[i][:a] + repl + new[i][b:]
                open(os.path.join(tmp, rel), "w", encoding="utf-8").write("\n".join(new))
                col = len(lines[i][:a]) + 1
                check_fails_at(plangen, tmp, f"#{n}", rel, i + 1, col, what)
            # invalid UTF-8 in the middle of the first Japanese text
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree("content", tmp)
            raw = open(os.path.join("content", rel), "rb").read()
            text = raw.decode("utf-8")
            idx = next(i for i, ch in enumerate(text) if ord(ch) > 0x3000)
            bpos = len(text[:idx].encode("utf-8"))
            open(os.path.join(tmp, rel), "wb").write(raw[:bpos] + b"\xff" + raw[bpos:])
            line = text[:idx].count("\n") + 1
            col = idx - (text[:idx].rfind("\n") + 1) + 1
            check_fails_at(plangen, tmp, "utf8", rel, line, col, "invalid UTF-8")
            # broken syntax: a flow mapping left open on the first line that has one,
            # else a key line indented by one space too many
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree("content", tmp)
            new = list(lines)
            i = next((i for i, l in enumerate(lines) if l.rstrip().endswith("}")), None)
            if i is not None:
                new[i] = new[i].rstrip()[:-1]
            else:
                i = next(i for i, l in enumerate(lines) if KEY.match(l) and l.startswith("  "))
                new[i] = " " + new[i]
            open(os.path.join(tmp, rel), "w", encoding="utf-8").write("\n".join(new))
            r = run([plangen, "check", "--content", tmp])
            err = r.stderr.decode()
            ok(r.returncode == 1 and f"{tmp}/{rel}:" in err and "YAML syntax" in err,
               f"mutations: broken syntax in {rel}", err[:1500])


def suite_indentation(plangen):
    """A line moved left or right is reported at that line, or at the line
    it is out of step with, in plain words; on both plans."""
    env = dict(os.environ, LANGUAGE="en", LANG="C.UTF-8")
    with tempfile.TemporaryDirectory() as base:
        tmp = os.path.join(base, "content")
        for plan in ("content", "tests/plan2"):
            for rel in sorted(f for f in os.listdir(plan) if f.endswith(".yaml")):
                lines = open(os.path.join(plan, rel), encoding="utf-8").read().split("\n")

                def first_error(new):
                    shutil.rmtree(tmp, ignore_errors=True)
                    shutil.copytree(plan, tmp)
                    open(os.path.join(tmp, rel), "w", encoding="utf-8").write("\n".join(new))
                    r = run([plangen, "check", "--content", tmp], env=env)
                    err = r.stderr.decode("utf-8", "replace")
                    m = re.search(rf"^{re.escape(tmp)}/{re.escape(rel)}:(\d+):\d+: error: (.*)$", err, re.M)
                    return (int(m.group(1)), m.group(2), err) if m else (None, "", err)

                # The whole file is read as people indent it: a fault after
                # its last line is found there, not at a line above.
                end = len(lines) - (lines[-1] == "")
                at, msg, err = first_error(lines[:end] + ["-broken: x", "  deeper: y", ""])
                ok(at == end + 1 and "needs a space after" in msg,
                   f"indentation: {plan}/{rel} is read to its end", err[:800])
                # Every 9th line with a key, moved by one column.
                keyed = [i for i, l in enumerate(lines) if KEY.match(l) and l.startswith(" ")]
                for n, i in enumerate(keyed[::9]):
                    new = list(lines)
                    new[i] = new[i][1:] if n % 2 else " " + new[i]
                    at, msg, err = first_error(new)
                    if at is None:
                        continue  # still valid YAML, read as another shape
                    ok(abs(at - (i + 1)) <= 2 and "YAML syntax" not in msg and "Sanitizer" not in err,
                       f"indentation: line {i + 1} of {plan}/{rel} moved {'left' if n % 2 else 'right'}"
                       f" is reported at it", err[:800])


def suite_pathological(plangen):
    """Huge or deeply nested inputs: a clear error or a clean pass, within a time limit."""
    cases = [
        ("glossary.yaml", "terms: " + "[" * 100000 + "]" * 100000, 1),
        ("glossary.yaml", "terms:\n" + "".join(f"  - {{ja: 語{i}, en: term {i}}}\n" for i in range(20000)), 0),
        # nesting deeper than any text needs is refused before cmark (whose
        # time grows with its square); long runs of emphasis are fine
        ("ja/chapters/1-intro.md", "# t\n\n" + "> " * 50000 + "x\n", 1),
        ("ja/chapters/1-intro.md", "# t\n\n" + "- " * 20000 + "y\n", 1),
        ("ja/chapters/1-intro.md", "# t\n\n" + "*a" * 50000 + "\n", 0),
        ("ja/chapters/1-intro.md", "# t\n\n" + "あ\n" * 200000, 0),
        ("ja/chapters/1-intro.md", "# t\n\n" + "x" * 2000000 + "\n", 0),
    ]
    for rel, text, want in cases:
        with tempfile.TemporaryDirectory() as tmp:
            content = os.path.join(tmp, "content")
            shutil.copytree("tests/fixture", content)
            open(os.path.join(content, rel), "w", encoding="utf-8").write(text)
            try:
                # build, not only check: every back-end must cope with the input
                r = subprocess.run([plangen, "build", "--content", content, "--output", os.path.join(tmp, "out")],
                                   capture_output=True, timeout=20)
                err = r.stderr.decode("utf-8", "replace")
                # the chapter cases change the data blocks, which is a warning only;
                # the nesting cases are an error at their line
                ok(r.returncode == want and "Sanitizer" not in err,
                   f"pathological: {rel} ({len(text)} bytes) exits {want}", f"exit {r.returncode}\n" + err[-1500:])
            except subprocess.TimeoutExpired:
                ok(False, f"pathological: {rel} ({len(text)} bytes) within 20 s")
    # A billion laughs: aliases that would expand to 10^12 values are refused
    # while the file is parsed, in bounded memory (not for the sanitized
    # build, whose shadow memory reserves terabytes of address space).
    laughs = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i-1}'] * 10)}]\n" for i in range(1, 12))
    import resource
    limit = None if "san" in plangen else (lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30)))
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, "content")
        shutil.copytree("tests/fixture", content)
        open(os.path.join(content, "glossary.yaml"), "w").write(laughs)
        try:
            r = subprocess.run([plangen, "check", "--content", content], capture_output=True, timeout=20,
                               preexec_fn=limit)
            err = r.stderr.decode()
            ok(r.returncode == 1 and "glossary.yaml:" in err and "aliases" in err,
               "pathological: a billion laughs is refused within 1 GiB", f"exit {r.returncode}\n{err[-800:]}")
        except subprocess.TimeoutExpired:
            ok(False, "pathological: a billion laughs within 20 s")


def suite_site_settings(plangen):
    """plan.yaml site: base_url gives canonical URLs and an absolute sitemap; raw
    HTML in Markdown is text unless allow_html is true."""
    for allow in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            content = os.path.join(tmp, "content")
            shutil.copytree("tests/fixture", content)
            with open(os.path.join(content, "plan.yaml"), "a", encoding="utf-8") as f:
                f.write(f"site: {{base_url: https://example.jp/plan, allow_html: {str(allow).lower()}}}\n")
            md = os.path.join(content, "ja/chapters/1-intro.md")
            open(md, "a", encoding="utf-8").write("\n強調は<b>太字</b>です。\n\n[概要へ](1-intro.html#i-概要)、"
                                                  "[指標の一覧](indicators.html#指標)、"
                                                  "[注へ](https://example.jp/plan/1-intro.html?from=pdf#note-3)\n\n"
                                                  "※3 注の本文です。\n")
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", content, "--output", out])
            if not ok(r.returncode == 0, f"site settings: build (allow_html {allow})", r.stderr.decode()[-2000:]):
                continue
            page = open(os.path.join(out, "1-intro.html"), encoding="utf-8").read()
            en = open(os.path.join(out, "en/1-intro.html"), encoding="utf-8").read()
            smap = open(os.path.join(out, "sitemap.xml"), encoding="utf-8").read()
            ok('<link rel="canonical" href="https://example.jp/plan/1-intro.html">' in page
               and '<link rel="canonical" href="https://example.jp/plan/en/1-intro.html">' in en,
               "site settings: canonical URLs from base_url")
            ok("<loc>https://example.jp/plan/en/index.html</loc>" in smap, "site settings: absolute sitemap")
            nf = open(os.path.join(out, "en/404.html"), encoding="utf-8").read()
            ok('<base href="https://example.jp/plan/en/">' in nf, "site settings: the 404 page resolves links from the site")
            ok('<link rel="alternate" hreflang="x-default" href="https://example.jp/plan/1-intro.html">' in en
               and '<meta property="og:url" content="https://example.jp/plan/en/1-intro.html">' in en
               and '<meta name="description" content="' in en and 'rel="icon"' in en,
               "site settings: x-default, og:url, a description and a favicon", en[:1500])
            # A section's link: its anchor is the heading's (I 概要); in the booklet it
            # leads to the heading there; a page the booklet does not have is a URI in ASCII.
            ok('<h1 id="i-概要">' in page and 'href="1-intro.html#i-%E6%A6%82%E8%A6%81"' in page,
               "site settings: a link to a section names its heading's anchor", page[-1500:])
            pdf = os.path.join(out, "downloads/plan-ja.pdf")
            q = run(["qpdf", "--qdf", "--object-streams=disable", pdf, "-"])
            where, note = link_pages(pdf, "概要へ"), link_pages(pdf, "注へ")
            ok(b"/URI (https://example.jp/plan/indicators.html#%E6%8C%87%E6%A8%99)" in q.stdout
               and where and where[1] and "I 概要" in pdf_text_page(pdf, where[1])
               and note and note[1] and "注の本文" in pdf_text_page(pdf, note[1]),
               "site settings: the booklet's links: a section inside it, another page a URI in ASCII",
               f"{where} " + q.stderr.decode()[-500:])
            if allow:
                ok("強調は<b>太字</b>です。" in page, "site settings: allow_html keeps raw HTML", page[-800:])
            else:
                ok("強調は&lt;b&gt;太字&lt;/b&gt;です。" in page, "site settings: raw HTML is text by default", page[-800:])


def suite_anchors(plangen):
    """A section's link in a policy's text that a chapter places: on the chapter's page,
    where a heading of the same words comes first, it names the policy's heading by the
    id it has there (-1); on the policy's page by its own; in the booklet it leads to the
    policy's heading. A heading of an emoji and its variation selector has an id of
    letters only. A note linked from a page, or linked on a page from another, that does not
    show it is at the page's foot."""
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, "content")
        shutil.copytree("tests/fixture", content)
        policy = os.path.join(content, "ja/policies/policy1.md")
        open(policy, "a", encoding="utf-8").write("\n## 詳細\n\n詳しくは[詳細](#詳細)を見てください。\n\n"
                                                  "※6 方針の注です。\n")
        # a note of a measure's text, which no chapter places, linked from the chapter
        m1 = os.path.join(content, "ja/measures/m1.md")
        open(m1, "a", encoding="utf-8").write("\n※5 講座の記録は毎年公開します。\n")
        chapter = os.path.join(content, "ja/chapters/1-intro.md")
        text = open(chapter, encoding="utf-8").read()
        text = text.replace("```plangen policy policy1", "## 詳細\n\n章の詳細（[注を見る](#note-5)、"
                                                         "[施策の注](measure-m1.html#note-6)）。\n\n"
                                                         "## \u2600\ufe0f 太陽光\n\n```plangen policy policy1")
        open(chapter, "w", encoding="utf-8").write(text)
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        if not ok(r.returncode == 0, "anchors: build", r.stderr.decode()[-1500:]):
            return
        page = open(os.path.join(out, "1-intro.html"), encoding="utf-8").read()
        own = open(os.path.join(out, "policy-policy1.html"), encoding="utf-8").read()
        ids = re.findall(r'<h\d id="([^"]+)"', page)
        ok(ids.count("詳細") == 1 and "詳細-1" in ids and '詳しくは<a href="#%E8%A9%B3%E7%B4%B0-1">' in page
           and '詳しくは<a href="#%E8%A9%B3%E7%B4%B0">' in own,
           "anchors: a placed text's link to its own section names that section's id on each page", str(ids))
        ok("太陽光" in ids, "anchors: an emoji and its variation selector are left out of an id", str(ids))
        ok('id="note-5"' in page and "講座の記録" in page,
           "anchors: a note a page links to but does not show is repeated at its foot", page[-1500:])
        m1 = open(os.path.join(out, "measure-m1.html"), encoding="utf-8").read()
        ok('id="note-6"' in m1 and "方針の注" in m1,
           "anchors: a note another page links to on a page that does not show it is repeated there", m1[-1500:])
        where = link_pages(os.path.join(out, "downloads/plan-ja.pdf"), "詳細")
        there = pdf_text_page(os.path.join(out, "downloads/plan-ja.pdf"), where[1]) if where and where[1] else ""
        ok(where and where[1] and "詳しくは" in there, "anchors: in the booklet it leads to the policy's section",
           f"{where} {there[:400]}")


def suite_base_path(plangen):
    """Without site.base_url no sitemap is written (its locations must be
    absolute); with a path on the city's site (/plan/) pages get canonical
    paths, no og:url, no sitemap, and the 404 page served for a missing
    address two folders deep still finds its style sheet."""
    with tempfile.TemporaryDirectory() as tmp:
        content = fixture_copy(tmp)
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        ok(r.returncode == 0 and not os.path.exists(os.path.join(out, "sitemap.xml")),
           "base path: no sitemap without base_url", r.stderr.decode()[-1000:])
        with open(os.path.join(content, "plan.yaml"), "a", encoding="utf-8") as f:
            f.write("site: {base_url: /plan/}\n")
        r = run([plangen, "build", "--content", content, "--output", out])
        if not ok(r.returncode == 0, "base path: build with base_url /plan/", r.stderr.decode()[-1000:]):
            return
        page = open(os.path.join(out, "en/1-intro.html"), encoding="utf-8").read()
        ok('<link rel="canonical" href="/plan/en/1-intro.html">' in page and "og:url" not in page
           and not os.path.exists(os.path.join(out, "sitemap.xml")), "base path: canonical paths, no og:url, no sitemap")
        # The server answers /plan/a/b/missing.html with 404.html: its links resolve
        # from <base>, so its style sheet is the site's.
        nf = open(os.path.join(out, "404.html"), encoding="utf-8").read()
        base = re.search(r'<base href="([^"]+)">', nf)
        css = re.search(r'<link rel="stylesheet" href="([^"]+)">', nf)
        from urllib.parse import urljoin
        where = urljoin(urljoin("https://city.example/plan/a/b/missing.html", base.group(1) if base else ""),
                        css.group(1) if css else "")
        ok(where == "https://city.example/plan/assets/style.css", "base path: the 404 page is styled at any depth",
           where)
        edit_file(os.path.join(content, "plan.yaml"), "base_url: /plan/", "base_url: //cdn.example/plan/")
        r = run([plangen, "check", "--content", content])
        ok(r.returncode == 1 and "base URL" in r.stderr.decode(), "base path: a protocol-relative base URL is refused",
           r.stderr.decode()[-800:])


def fixture_copy(tmp):
    content = os.path.join(tmp, "content")
    shutil.copytree("tests/fixture", content)
    return content


def edit_file(path, old, new):
    text = open(path, encoding="utf-8").read()
    if old not in text:
        raise ValueError(f"'{old}' not in {path}")
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))


def read_csv_records(path):
    text = open(path, "rb").read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def suite_data_formulas(plangen):
    """OWASP's CSV injection rule: a text cell that begins with =, +, -, @, a tab
    or CR gets a leading ' in the CSV; the JSON keeps the text; numbers (a
    negative value too) are never touched."""
    with tempfile.TemporaryDirectory() as tmp:
        content = fixture_copy(tmp)
        ind = os.path.join(content, "indicators.yaml")
        edit_file(ind, "name: {ja: 出前講座実施件数, en: Outreach lectures held}",
                  "name: {ja: '=HYPERLINK(\"http://evil.example/?x\",\"click\")', en: \"+1 lecture\"}\n"
                  "    name_note: {ja: \"\\t=1+1\", en: \"\\r=1+1\"}")
        edit_file(ind, "description: {ja: 講座を実施した件数, en: Number of lectures held}",
                  "description: {ja: '-x', en: '@SUM(A1:A9)'}\n    note: {ja: 注=1, en: 'a, =b'}")
        edit_file(ind, "baseline: 261\n    current: 238", "baseline: -3.5\n    current: 238")
        edit_file(os.path.join(content, "structure.yaml"), "title: {ja: ひとづくり, en: Developing people}",
                  "title: {ja: \"=cmd|' /C calc'!A0\", en: '-2+3'}")
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        if not ok(r.returncode == 0, "data formulas: build", r.stderr.decode()[-2000:]):
            return
        d = os.path.join(out, "downloads")
        recs = read_csv_records(os.path.join(d, "indicators.csv"))
        jrecs = json.load(open(os.path.join(d, "indicators.json"), encoding="utf-8"))["records"]
        csv_rec = next(x for x in recs if x["id"] == "f-lectures")
        json_rec = next(x for x in jrecs if x["id"] == "f-lectures")
        want = {
            # (in Japanese: English texts have typographic quotes, a formula's are straight)
            "name_ja": '=HYPERLINK("http://evil.example/?x","click")', "name_en": "+1 lecture",
            "name_note_ja": "\t=1+1", "name_note_en": "\r=1+1", "description_ja": "-x",
            "description_en": "@SUM(A1:A9)", "policy_ja": "=cmd|' /C calc'!A0", "policy_en": "-2+3",
        }
        for key, raw in want.items():
            ok(csv_rec[key] == "'" + raw, f"data formulas: the CSV's {key} is neutralised", repr(csv_rec[key]))
            ok(json_rec[key] == raw, f"data formulas: the JSON's {key} is the text as it is", repr(json_rec[key]))
        # a formula character later in the text, or none at all: as it is
        ok((csv_rec["note_ja"], csv_rec["note_en"], csv_rec["unit_en"]) == ("注=1", "a, =b", "cases"),
           "data formulas: other texts are as they are", repr((csv_rec["note_ja"], csv_rec["note_en"])))
        raw = open(os.path.join(d, "indicators.csv"), "rb").read()
        ok(b'"\'=HYPERLINK(""http://evil.example/?x"",""click"")"' in raw,
           "data formulas: the ' goes inside the quotes of a quoted field")
        # numbers: never neutralised, a negative one neither
        ok(csv_rec["baseline_value"] == "-3.5" and json_rec["baseline_value"] == -3.5,
           "data formulas: a negative value stays a number",
           repr((csv_rec["baseline_value"], json_rec["baseline_value"])))
        numeric = {x["column"] for x in read_csv_records(os.path.join(d, "indicators-items.csv"))
                   if x["type_en"] in ("integer", "number")}
        bad = [(x["id"], k, v) for x in recs for k, v in x.items() if k in numeric and v and
               not re.fullmatch(r"-?\d+(\.\d+)?", v)]
        ok(not bad and sum(x[k].startswith("-") for x in recs for k in numeric) >= 2,
           "data formulas: number cells are plain numbers, negative ones too", str(bad[:5]))
        bad = [(x["id"], k, v) for x in recs for k, v in x.items() if k not in numeric and v.startswith(FORMULA_START)]
        ok(not bad, "data formulas: no text cell of the CSV begins a formula", str(bad[:5]))


def suite_sitemap(plangen):
    """sitemap.xml is well-formed XML whatever the base URL holds: & < > " ' are
    escaped, and every location reads back as the address of a page.  (A
    chapter's file name cannot hold such characters: check refuses it.)"""
    with tempfile.TemporaryDirectory() as tmp:
        content = fixture_copy(tmp)
        base = "https://example.jp/r&d's \"plan\"<1>/"
        with open(os.path.join(content, "plan.yaml"), "a", encoding="utf-8") as f:
            f.write("site: {base_url: '" + base.replace("'", "''") + "'}\n")
        for lang, text in (("ja", "# Q&A\n\n質問と答え。\n"), ("en", "# Q&A\n\nQuestions and answers.\n")):
            open(os.path.join(content, lang, "chapters", "2-q_a.md"), "w", encoding="utf-8").write(text)
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        if not ok(r.returncode == 0, "sitemap: build", r.stderr.decode()[-2000:]):
            return
        raw = open(os.path.join(out, "sitemap.xml"), encoding="utf-8").read()
        try:
            root = ET.fromstring(raw)
        except ET.ParseError as e:
            ok(False, "sitemap: well-formed XML", f"{e}\n{raw[:1500]}")
            return
        ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
        locs = [u.findtext(ns + "loc") for u in root.iter(ns + "url")]
        pages = sorted(os.path.relpath(os.path.join(d, f), out) for d, _, fs in os.walk(out) for f in fs
                       if f.endswith(".html") and f != "404.html")
        ok(sorted(locs) == sorted(base + p for p in pages) and base + "2-q_a.html" in locs
           and base + "en/2-q_a.html" in locs,
           "sitemap: every location reads back as the base URL and a page's path",
           "\n".join(sorted(set(locs) ^ {base + p for p in pages}))[:2000])
        inner = "".join(re.findall(r"<loc>(.*?)</loc>", raw))
        ok(not re.search(r"[<>\"']|&(?!(amp|lt|gt|quot|apos);)", inner),
           "sitemap: & < > \" ' are escaped in every location", inner[:500])


XSS = "\"><svg onload=alert(1)>"
HOSTILE_MD = """
<script>alert(1)</script>

<img src=x onerror=alert(1)>

<a href="javascript:alert(1)">raw link</a> <iframe src="https://example.org/"></iframe>

Inline <b onmouseover="alert(1)">bold</b>, <img src=x onerror=alert(1)> and <style>@import 'https://example.org/x.css';</style>.

A [page elsewhere](https://example.org/page?a=1&b=2) and [mail](mailto:info@example.jp); "><svg onload=alert(1)>

## Heading "><svg onload=alert(1)> <script>alert(1)</script>
"""


def hostile_copy(tmp):
    """A copy of tests/fixture with hostile but valid content: script and event
    handlers as raw HTML in the Markdown (text, without allow_html), markup in
    YAML texts, links to elsewhere, and a base URL for canonical links."""
    content = fixture_copy(tmp)
    yq = lambda s: "'" + s.replace("'", "''") + "'"
    with open(os.path.join(content, "plan.yaml"), "a", encoding="utf-8") as f:
        f.write("site: {base_url: https://example.jp/plan}\n")
    edit_file(os.path.join(content, "plan.yaml"), "title: {ja: テスト計画, en: Test plan}",
              f"title: {{ja: {yq('テスト計画' + XSS)}, en: {yq('Test plan' + XSS)}}}")
    st = os.path.join(content, "structure.yaml")
    edit_file(st, "title: {ja: ひとづくり, en: Developing people}",
              f"title: {{ja: {yq('ひとづくり' + XSS)}, en: {yq('Developing people' + XSS)}}}")
    edit_file(st, "text: {ja: すべての人が活躍します。, en: Everyone takes part.}",
              "text: {ja: '<script>alert(1)</script>すべての人が活躍します。', en: '<script>alert(1)</script>Everyone.'}")
    ind = os.path.join(content, "indicators.yaml")
    edit_file(ind, "name: {ja: 出前講座実施件数, en: Outreach lectures held}",
              f"name: {{ja: {yq('出前講座' + XSS)}, en: {yq('<img src=x onerror=alert(1)>Lectures' + XSS)}}}")
    edit_file(ind, "description: {ja: 講座を実施した件数, en: Number of lectures held}",
              "description: {ja: 'javascript:alert(1)', en: 'javascript:alert(1)'}")
    edit_file(os.path.join(content, "figures.yaml"), "title: {ja: 町内会加入率の推移, en: Neighborhood association membership}",
              f"title: {{ja: {yq('加入率</title><script>alert(1)</script>' + XSS)}, en: {yq('Membership</title>' + XSS)}}}")
    edit_file(os.path.join(content, "tables.yaml"), "[{ja: 経常収益平均値, en: Mean revenue}, 20028928]",
              f"[{{ja: {yq('経常収益' + XSS)}, en: {yq('Revenue' + XSS)}}}, 20028928]")
    for lang in ("ja", "en"):
        for rel in ("chapters/1-intro.md", "measures/m1.md"):
            with open(os.path.join(content, lang, rel), "a", encoding="utf-8") as f:
                f.write(HOSTILE_MD)
    return content


def suite_hostile(plangen, self_test=False):
    """The site of hostile content (hostile_copy) passes tests/web/check.js
    --static: no live script, no event handler, nothing fetched from elsewhere;
    the hostile text is there, as text.  With self_test, the same check must
    fail on copies of that site given a live script or an outside fetch."""
    with tempfile.TemporaryDirectory() as tmp:
        content = hostile_copy(tmp)
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        err = r.stderr.decode("utf-8", "replace")
        if not ok(r.returncode == 0 and "Sanitizer" not in err, "hostile: build", err[-2000:]):
            return
        r = subprocess.run(["node", "tests/web/check.js", "--static", out], capture_output=True, timeout=300)
        ok(r.returncode == 0, "hostile: check.js --static (no live script, nothing fetched from elsewhere)",
           r.stdout.decode()[-4000:] + r.stderr.decode()[-2000:])
        page = lambda rel: open(os.path.join(out, rel), encoding="utf-8").read()
        for rel in ("1-intro.html", "en/1-intro.html", "measure-m1.html", "en/measure-m1.html"):
            text = page(rel)
            ok("&lt;script&gt;alert(1)&lt;/script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text
               and '<a href="https://example.org/page?a=1&amp;b=2">' in text
               and '<a href="mailto:info@example.jp">' in text,
               f"hostile: {rel} shows the raw HTML as text and keeps the links", text[-1500:])
        for rel in ("index.html", "en/policy-policy1.html", "indicators.html", "en/1-intro.html"):
            # (the quote before it is typographic in English: ”)
            ok(re.search(r'["\u201c\u201d]&gt;&lt;svg onload=alert\(1\)&gt;', page(rel)),
               f"hostile: {rel} shows the markup of YAML texts as text")
        if not self_test:
            return
        # The check can fail: each page given one live script or outside fetch.
        bad = os.path.join(tmp, "bad")
        shutil.copytree(out, bad)
        injections = {
            "1-intro.html": '<a href="java&#x09;script&colon;alert(1)">x</a>',
            "en/1-intro.html": "<img src=x onerror=alert(1)>",
            "measure-m1.html": "<script>alert(1)</script>",
            "en/measure-m1.html": '<img src="https://example.org/x.png" alt="">',
            "index.html": '<div style="background: url(//example.org/x.png)">x</div>',
        }
        for rel, snippet in injections.items():
            edit_file(os.path.join(bad, rel), "</main>", snippet + "</main>")
        r = subprocess.run(["node", "tests/web/check.js", "--static", bad], capture_output=True, timeout=300)
        report = r.stdout.decode()
        for rel, snippet in injections.items():
            ok(r.returncode == 1 and f"FAIL safe: {rel}: " in report, f"hostile: check.js fails on {snippet} in {rel}",
               report[-3000:])


def tree(path):
    out = {}
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, path)] = open(p, "rb").read()
    return out


def suite_build(plangen):
    # --content given a language's folder of a plan: one message, naming the plan's folder
    for plan in ("content", "tests/plan2"):
        r = run([plangen, "check", "--content", plan + "/ja/"])
        err = r.stderr.decode()
        ok(r.returncode == 2 and err.count("error:") == 1 and f"--content {plan}\n" in err,
           f"build: --content {plan}/ja/ is told once, with the plan's folder", err[-800:])
    with tempfile.TemporaryDirectory() as tmp:
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        ra = run([plangen, "build", "--output", a])
        rb = run([plangen, "build", "--output", b])
        ok(ra.returncode == 0 and rb.returncode == 0, "build: succeeds", ra.stderr.decode()[-2000:])
        ta, tb = tree(a), tree(b)
        ok(len(ta) > 0 and ta == tb, "build: two builds are byte-identical",
           "differ: " + " ".join(sorted(k for k in set(ta) | set(tb) if ta.get(k) != tb.get(k)))[:2000])
        # the open data: CSV rules, JSON equal to the CSV and to the content
        r = run([sys.executable, "tests/data_test.py", a, "--plangen", plangen])
        ok(r.returncode == 0, "build: open data (tests/data_test.py)", r.stdout.decode()[-3000:] + r.stderr.decode()[-1000:])
        # rebuild over an existing folder: replaced, no temporary left behind
        r = run([plangen, "build", "--output", a])
        ok(r.returncode == 0 and tree(a) == ta and sorted(os.listdir(tmp)) == ["a", "b"],
           "build: rebuild replaces the folder and leaves nothing beside it", str(os.listdir(tmp)))
        # broken content: exit 1, the previous output exactly as it was
        bad = os.path.join(tmp, "bad")
        shutil.copytree("content", bad)
        p = os.path.join(bad, "indicators.yaml")
        s = open(p, encoding="utf-8").read().replace("target: 300", "target: three hundred", 1)
        open(p, "w", encoding="utf-8").write(s)
        r = run([plangen, "build", "--content", bad, "--output", a])
        ok(r.returncode == 1 and tree(a) == ta and sorted(os.listdir(tmp)) == ["a", "b", "bad"],
           "build: a failed build leaves the output untouched", r.stderr.decode()[-1500:])
        r = run([plangen, "build", "--content", os.path.join(tmp, "none"), "--output", a])
        ok(r.returncode == 2 and tree(a) == ta, "build: a missing content folder is exit 2")
        r = run([plangen, "frobnicate"])
        ok(r.returncode == 2 and b"did you mean" not in r.stderr, "cli: unknown command is exit 2")
        r = run([plangen, "chek"])
        ok(r.returncode == 2 and b'did you mean "plangen check"?' in r.stderr, "cli: a misspelt command gets the one meant",
           r.stderr.decode()[-500:])
        # chapters in the order of their numbers: 10-extra after 4-appendix, not after 1-outline
        ten = os.path.join(tmp, "ten")
        shutil.copytree("content", ten)
        for lang in ("ja", "en"):
            shutil.copy(os.path.join(ten, lang, "chapters", "4-appendix.md"), os.path.join(ten, lang, "chapters", "10-extra.md"))
        r = run([plangen, "build", "--content", ten, "--output", os.path.join(tmp, "ten-out")])
        home = open(os.path.join(tmp, "ten-out", "index.html"), encoding="utf-8").read() if r.returncode == 0 else ""
        order = [m for m in re.findall(r'href="(\d+)-[^"]*\.html"', home)]
        ok(order and order == sorted(order, key=int), "build: chapters in the order of their numbers (10 after 4)",
           str(order) + r.stderr.decode()[-500:])
        # diff given a published edition's downloads folder: its file named, no count of figures
        r = run([plangen, "diff", os.path.join(a, "downloads"), "content", "--lang", "en"])
        ok(r.returncode == 2 and b"downloads/indicators.json" in r.stderr and b"figures without data" in r.stderr
           and b" 0 figures without data" in r.stderr, "cli: diff given a downloads folder names its indicators.json",
           r.stderr.decode()[-600:])
        # diff's usage errors say what was wrong before the usage
        r = run([plangen, "diff", "content", "--lang", "en"])
        ok(r.returncode == 2 and b"found 1" in r.stderr, "cli: diff with one edition says so", r.stderr.decode()[:300])
        r = run([plangen, "diff", "content", "content", "--format", "excel", "--lang", "en"])
        ok(r.returncode == 2 and b'found "excel"' in r.stderr, "cli: diff with an unknown format says so",
           r.stderr.decode()[:300])
        r = run([plangen, "--version"])
        ok(r.returncode == 0 and r.stdout.startswith(b"plangen "), "cli: --version")
        # The help in the staff's language, naming every option as the English one does.
        en, ja = (run([plangen, "--help", "--lang", l]) for l in ("en", "ja"))
        options = set(re.findall(rb"--[a-z]+", en.stdout))
        ok(en.returncode == ja.returncode == 0 and b"usage:" in en.stdout and "使い方".encode() in ja.stdout
           and b"usage:" not in ja.stdout and len(options) >= 10 and options == set(re.findall(rb"--[a-z]+", ja.stdout)),
           "cli: --help in Japanese, with every option", ja.stdout.decode()[:300])


def beside(d, name):
    """plangen's folders left beside the output d/name."""
    return sorted(f for f in os.listdir(d) if f.startswith(f".{name}.plangen-"))


def snapshot(path):
    """What is at path, to see that nothing changed: kind, link target, files."""
    if os.path.islink(path):
        return ("link", os.readlink(path))
    if os.path.isdir(path):
        return ("dir", tree(path))
    if os.path.isfile(path):
        return ("file", open(path, "rb").read())
    return ("other", os.stat(path).st_mode) if os.path.exists(path) else None


def suite_output_safety(plangen):
    """--output replaces only a folder plangen wrote; killed builds leave nothing."""
    env = dict(os.environ, ASAN_OPTIONS="verify_asan_link_order=0")
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        content, theme = os.path.join(site, "content"), os.path.join(tmp, "theme")
        shutil.copytree("tests/fixture", content)
        shutil.copytree("themes/default", theme)
        docs = os.path.join(tmp, "docs")
        os.makedirs(os.path.join(docs, "letters"))
        open(os.path.join(docs, "letters", "minutes.txt"), "w").write("議事録\n")
        open(os.path.join(tmp, "notes.txt"), "w").write("notes\n")
        os.symlink(docs, os.path.join(tmp, "link"))
        os.mkfifo(os.path.join(tmp, "pipe"))  # a special file of our own: never a real device
        refused = [("a folder of other files", docs, "holds files that plangen did not write"),
                   ("a file", os.path.join(tmp, "notes.txt"), "is a file"),
                   ("a symbolic link", os.path.join(tmp, "link"), f'is a symbolic link to "{docs}"'),
                   ("a special file", os.path.join(tmp, "pipe"), "special file"),
                   ("the content folder", content, "is the folder"),
                   ("a folder that holds the content", site, "holds the folder"),
                   ("a folder inside the content", os.path.join(content, "ja", "out"), "is inside the folder"),
                   ("the theme folder", theme, "is the folder")]
        for what, target, words in refused:
            before, listing = snapshot(target), sorted(os.listdir(tmp))
            r = run([plangen, "build", "--content", content, "--theme", theme, "--output", target])
            err = r.stderr.decode()
            ok(r.returncode == 2 and words in err and snapshot(target) == before and sorted(os.listdir(tmp)) == listing,
               f"output: {what} is refused and left as it was", f"exit {r.returncode}\n{err[-800:]}")
        for what, target in (("an empty folder", os.path.join(tmp, "empty")), ("a new folder", os.path.join(tmp, "new"))):
            if what == "an empty folder":
                os.mkdir(target)
            r = run([plangen, "build", "--content", content, "--theme", theme, "--output", target])
            ok(r.returncode == 0 and os.path.isfile(os.path.join(target, ".plangen-output")),
               f"output: {what} is written, with the marker", r.stderr.decode()[-800:])
        out = os.path.join(tmp, "new")
        ref = tree(out)
        cmd = [plangen, "build", "--content", content, "--theme", theme, "--output", out]

        # Leftovers beside the output: only plangen's own, unlocked ones go.
        # A build killed between making its folder and its marker leaves an
        # empty folder; one of that name holding files is not plangen's.
        stale, foreign, busy, empty = (os.path.join(tmp, f".new.plangen-{n}")
                                       for n in ("stale1", "forgn1", "busy", "kiLLed"))
        for d in (stale, foreign, busy):
            os.makedirs(os.path.join(d, "downloads"))
        os.mkdir(empty)
        for d in (stale, busy):
            open(os.path.join(d, ".plangen-output"), "w").write("x")
        lock = open(os.path.join(busy, ".plangen-output"))
        import fcntl
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = run(cmd)
        ok(r.returncode == 0 and beside(tmp, "new") == [".new.plangen-busy", ".new.plangen-forgn1"],
           "output: a killed build's folder is removed, even one without its marker; a running one's and a foreign one are kept",
           str(beside(tmp, "new")) + r.stderr.decode()[-500:])
        lock.close()
        shutil.rmtree(foreign)
        r = run(cmd)
        ok(r.returncode == 0 and beside(tmp, "new") == [] and tree(out) == ref,
           "output: the folder of a build that ended is removed", str(beside(tmp, "new")))

        # Without an atomic exchange: two renames, the same result.
        r = run(cmd, env=dict(env, PLANGEN_NO_EXCHANGE="1"))
        ok(r.returncode == 0 and tree(out) == ref and beside(tmp, "new") == [],
           "output: the fallback without an atomic exchange replaces the output", r.stderr.decode()[-800:])
        # A build killed between the two renames: the next one puts the old output back.
        old = os.path.join(tmp, ".new.plangen-old-x")
        os.rename(out, old)
        bad = os.path.join(tmp, "bad")
        shutil.copytree(content, bad)
        p = os.path.join(bad, "indicators.yaml")
        text = open(p, encoding="utf-8").read()
        open(p, "w", encoding="utf-8").write(text.replace("target: 300", "target: lots", 1))
        r = run([plangen, "build", "--content", bad, "--theme", theme, "--output", out])
        ok(r.returncode == 1 and tree(out) == ref and beside(tmp, "new") == [],
           "output: a previous output left aside by a killed swap is put back", r.stderr.decode()[-800:])

        # The previous output cannot be removed: said, exit 2, the new one in place.
        open(os.path.join(out, "undeletable"), "w").write("x")
        r = run(cmd, env=dict(env, LD_PRELOAD=os.path.abspath("build/fault.so")))
        err = r.stderr.decode()
        ok(r.returncode == 2 and "could not be removed" in err and tree(out) == ref,
           "output: a previous output that cannot be removed is an error", f"exit {r.returncode}\n{err[-800:]}")
        r = run(cmd)
        ok(r.returncode == 0 and beside(tmp, "new") == [], "output: the next build removes what was left",
           str(beside(tmp, "new")))

        # Builds stopped at random moments: the output is the old or the new
        # one, whole; SIGINT and SIGTERM leave nothing beside it; SIGKILL's
        # leftovers go with the next build.
        import random, signal, time
        start = time.monotonic()
        run(cmd)
        took = time.monotonic() - start
        rng = random.Random(1)
        sigs = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
        for i in range(12):
            sig = sigs[i % 3]
            # A SIGKILL's folder stays until a build gets as far as removing
            # it: SIGINT and SIGTERM must leave nothing new beside the output.
            before = set(beside(tmp, "new"))
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, took * 1.2))
            proc.send_signal(sig)
            proc.wait(timeout=60)
            whole = tree(out) == ref
            left = beside(tmp, "new")
            ok(whole and (sig == signal.SIGKILL or set(left) <= before),
               f"output: a build stopped by {sig.name} leaves the output whole and nothing beside it",
               f"whole {whole}, beside {left}, before {sorted(before)}")
        r = run(cmd)
        ok(r.returncode == 0 and beside(tmp, "new") == [] and tree(out) == ref,
           "output: after killed builds the next one leaves nothing beside the output", str(beside(tmp, "new")))


def suite_input_safety(plangen):
    """Files are read only from inside content/ and the theme; images are checked
    and copied; numbers are published as written."""
    with tempfile.TemporaryDirectory() as tmp:
        def fresh():
            content = os.path.join(tmp, "content")
            shutil.rmtree(content, ignore_errors=True)
            shutil.copytree("tests/fixture", content)
            return content

        def check(content, what, words, timeout=20):
            try:
                r = subprocess.run([plangen, "check", "--content", content], capture_output=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                return ok(False, f"input: {what} within {timeout} s")
            err = r.stderr.decode("utf-8", "replace")
            return ok(r.returncode == 1 and words in err and "Sanitizer" not in err, f"input: {what}",
                      f"exit {r.returncode}\n{err[-800:]}")

        content = fresh()
        os.symlink("/proc/self/environ", os.path.join(content, "ja/chapters/2-env.md"))
        check(content, "a symlink that leaves the content folder is refused", "outside the content folder")
        content = fresh()
        os.mkfifo(os.path.join(content, "ja/chapters/2-pipe.md"))
        check(content, "a FIFO is refused without hanging", "not a plain file")
        content = fresh()
        os.remove(os.path.join(content, "glossary.yaml"))
        os.symlink("/dev/zero", os.path.join(content, "glossary.yaml"))
        check(content, "a link to a device is refused without reading it", "outside the content folder")
        content = fresh()
        with open(os.path.join(content, "glossary.yaml"), "a") as f:
            f.write("# " + "x" * (17 << 20) + "\n")
        check(content, "a file over the size limit is refused", "larger than 16 MiB")
        content = fresh()
        os.makedirs(os.path.join(content, "images"))
        os.symlink("/etc/hostname", os.path.join(content, "images/host.png"))
        p = os.path.join(content, "figures.yaml")
        open(p, "a").write("    image: images/host.png\n")
        check(content, "an image that is a link out of the content folder is refused", "outside the content folder")

        # An image inside content/ is copied into the output and shown from there.
        content = fresh()
        os.makedirs(os.path.join(content, "images"))
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
        open(os.path.join(content, "images/lecture.png"), "wb").write(png)
        open(os.path.join(content, "figures.yaml"), "a").write("    image: ./images/../images/lecture.png\n")
        md = os.path.join(content, "ja/chapters/1-intro.md")
        open(md, "a").write("\n![講座](images/lecture.png)\n\n一行目<br>二行目<BR />三行目\n")
        # a number of 15 digits, published exactly as written
        p = os.path.join(content, "indicators.yaml")
        text = open(p, encoding="utf-8").read()
        open(p, "w", encoding="utf-8").write(text.replace("current: 238", "current: 238.123456789012", 1))
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", content, "--output", out])
        if ok(r.returncode == 0, "input: build with an image and a long number", r.stderr.decode()[-800:]):
            copied = os.path.join(out, "media/images/lecture.png")
            ok(os.path.isfile(copied) and open(copied, "rb").read() == png, "input: the image is copied to media/")
            pages = "".join(open(os.path.join(out, f), encoding="utf-8").read() for f in ("1-intro.html", "policy-policy1.html"))
            imgs = re.findall(r"<img[^>]*>", pages)
            ok(len(imgs) >= 2 and all('src="media/images/lecture.png"' in i for i in imgs),
               "input: the pages show the copied image", str(imgs))
            ok("一行目<br>二行目<br>三行目" in pages and "&lt;br" not in pages,
               "input: <br> in a text is a line break, not text", re.findall(r".{20}二行目.{20}", pages))
            csv = open(os.path.join(out, "downloads/indicators.csv"), encoding="utf-8-sig").read()
            ok(",238.123456789012," in csv, "input: a number is published exactly as written")
            ok("MB" not in r.stderr.decode(), "input: a small image is not told", r.stderr.decode()[-800:])
        # A photo as the camera took it is a warning (its page loads slowly), told once per place.
        open(os.path.join(content, "images/lecture.png"), "wb").write(png + bytes(3 << 20))
        r = run([plangen, "check", "--content", content])
        err = r.stderr.decode()
        ok(r.returncode == 0 and err.count("is 3.1 MB: its page loads slowly on a phone") == 2,
           "input: a heavy image is a warning where it is placed", err[-800:])
        ok("not the image its name says" not in err, "input: a PNG is taken for one", err[-800:])
        # An empty file, or a document renamed .png: published as a broken picture.
        for data in (b"", b"%PDF-1.7\n"):
            open(os.path.join(content, "images/lecture.png"), "wb").write(data)
            r = run([plangen, "check", "--content", content])
            err = r.stderr.decode()
            ok(r.returncode == 0 and err.count("is not the image its name says") == 2,
               f"input: a file that is no PNG ({data[:8]!r}) named .png is a warning", err[-800:])

        # A theme file that leads out of the theme folder: an environment error.
        theme = os.path.join(tmp, "theme")
        shutil.copytree("themes/default", theme)
        os.remove(os.path.join(theme, "style.css"))
        os.symlink("/etc/passwd", os.path.join(theme, "style.css"))
        content = fresh()
        r = run([plangen, "build", "--content", content, "--theme", theme, "--output", os.path.join(tmp, "out2")])
        ok(r.returncode == 2 and "outside the theme folder" in r.stderr.decode() and not os.path.exists(os.path.join(tmp, "out2")),
           "input: a theme file that links outside the theme is refused", r.stderr.decode()[-800:])
        r = run([plangen, "build", "--content", content, "--theme", os.path.join(tmp, "none"), "--output", out])
        ok(r.returncode == 2, "input: a missing theme folder is exit 2")


GENERATED_PAGE = re.compile(r"^(index|indicators|structure|revisions|committee|downloads|search|404|policy-.*|measure-.*)\.html$")


def tables_agree(out, label):
    """Every caption and column header of the tables that the chapters place
    (indicators, progress, actions, revisions, tables.yaml) reads the same on
    the site as in the booklet of that language (white space aside)."""
    import html as H
    def norm(s):
        return re.sub(r"\s", "", H.unescape(re.sub(r"<[^>]+>", "", s)))
    bad, seen = [], 0
    for lang, prefix in (("ja", ""), ("en", "en/")):
        pdf = norm(subprocess.run(["pdftotext", "-raw", os.path.join(out, f"downloads/plan-{lang}.pdf"), "-"],
                                  capture_output=True, text=True).stdout)
        folder = os.path.join(out, prefix)
        for name in sorted(f for f in os.listdir(folder) if f.endswith(".html") and not GENERATED_PAGE.match(f)):
            page = open(os.path.join(folder, name), encoding="utf-8").read()
            for attrs, body in re.findall(r"<table([^>]*)>(.*?)</table>", page, re.S):
                if not re.search(r'class="(indicators|progress|actions|revisions)"|id="table-', attrs):
                    continue
                for cap, th in re.findall(r'<caption>(.*?)</caption>|<th[^>]*scope="col(?:group)?"[^>]*>(.*?)</th>', body, re.S):
                    words = norm(cap or th)
                    seen += 1
                    if words and words not in pdf:
                        bad.append(f"{lang} {name}: {words}")
    ok(seen > 0 and not bad, f"{label}: the tables' words are the same on the site and in the booklet",
       "\n".join(sorted(set(bad))[:20]))


def spans_agree(out, label, content):
    """A text of tables.yaml across columns (span: N) is one cell of the site's table, in
    every language (the booklet's is measured by tests/pdf_test.py)."""
    import html as H
    tables = (plan_content.read_yaml(os.path.join(content, "tables.yaml")) or {}).get("tables") or []
    spans = [(t["id"], c) for t in tables for row in t.get("rows") or [] for c in row if isinstance(c, dict) and "span" in c]
    bad = []
    for lang, prefix in (("ja", ""), ("en", "en/")):
        folder = os.path.join(out, prefix)
        pages = [open(os.path.join(folder, f), encoding="utf-8").read() for f in os.listdir(folder) if f.endswith(".html")]
        for tid, cell in spans:
            found = [m for p in pages for m in re.findall(r'<table id="table-%s".*?</table>' % re.escape(tid), p, re.S)]
            cells = [H.unescape(c) for t in found for c in re.findall(r'<td colspan="%d">([^<]*)</td>' % int(cell["span"]), t)]
            if not found or not any(c.startswith(cell[lang][:10]) for c in cells):
                bad.append(f"{lang}: {tid}: {cell[lang][:30]}")
    ok(spans and not bad, f"{label}: a text across columns is one cell of the site's tables", str(bad))


def suite_words(plangen):
    """The plan's own words (tests/fixture/words.yaml) replace the theme's on the
    site and in the booklets alike; a theme without its words is exit 2."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        r = run([plangen, "build", "--content", "tests/fixture", "--output", out])
        if not ok(r.returncode == 0, "words: build the fixture", r.stderr.decode()[-1500:]):
            return
        for lang, page, pdf, own, theirs in (("ja", "measure-m1.html", "plan-ja.pdf", ["数値指標", "現状値"], ["基本指標", "現況値"]),
                                             ("en", "en/measure-m1.html", "plan-en.pdf",
                                              ["Numerical indicators", "Latest value"], ["Basic indicators"])):
            html = open(os.path.join(out, page), encoding="utf-8").read()
            text = subprocess.run(["pdftotext", os.path.join(out, "downloads", pdf), "-"], capture_output=True,
                                  text=True).stdout
            ok(all(w in html for w in own) and not any(w in html for w in theirs),
               f"words: the plan's words on the {lang} site")
            ok(all(w in text for w in own) and not any(w in text for w in theirs),
               f"words: the plan's words in the {lang} booklet", text[:1500])
        tables_agree(out, "words (fixture)")
        theme = os.path.join(tmp, "theme")
        shutil.copytree("themes/default", theme)
        os.remove(os.path.join(theme, "words.yaml"))
        r = run([plangen, "check", "--content", "tests/fixture", "--theme", theme])
        ok(r.returncode == 2 and "words.yaml" in r.stderr.decode(), "words: a theme without words.yaml is exit 2",
           r.stderr.decode()[-800:])

        def theme_file(name, *changes):
            """The theme's file `name` with each (old, new) of changes made, the
            others as the default theme has them; the result of checking it."""
            for other in ("words.yaml", "print.yaml", "opendata.yaml", "charts.yaml"):
                shutil.copy(os.path.join("themes/default", other), os.path.join(theme, other))
            text = open(os.path.join("themes/default", name), encoding="utf-8").read()
            for old, new in changes:
                text = text.replace(old, new)
            with open(os.path.join(theme, name), "w", encoding="utf-8") as f:
                f.write(text)
            return run([plangen, "check", "--content", "tests/fixture", "--theme", theme])

        r = theme_file("words.yaml", ("\nhome:", "\nhom:"))
        err = r.stderr.decode()
        # the slip is told once: not again as "home" missing
        ok(r.returncode == 1 and 'did you mean "home"' in err and 'has no "home"' not in err,
           "words: check validates the theme's words", err[-1500:])
        r = theme_file("print.yaml", ("  margin_top:", "  margin_tpo:"))
        err = r.stderr.decode()
        ok(r.returncode == 1 and "print.yaml:" in err and 'did you mean "margin_top"' in err,
           "words: check validates the theme's print style", err[-1500:])
        r = theme_file("opendata.yaml", ("\n  set_item:", "\n  set_itme:"), ("en: Current value}", "en: Current figure}"))
        err = r.stderr.decode()
        ok(r.returncode == 1 and "opendata.yaml:" in err and 'did you mean "set_item"' in err,
           "words: check validates the open data's definitions", err[-1500:])
        r = run([plangen, "build", "--content", "tests/fixture", "--theme", theme, "--output", out])
        ok(r.returncode != 0, "words: no build with broken open data definitions", r.stderr.decode()[-800:])
        theme_file("opendata.yaml", ("en: Current value}", "en: Current figure}"))
        r = run([plangen, "build", "--content", "tests/fixture", "--theme", theme, "--output", out])
        notes = open(os.path.join(out, "downloads", "indicators.csv"), encoding="utf-8-sig").read() if r.returncode == 0 else ""
        ok("Current figure: " in notes and "Current value: " not in notes,
           "words: the open data's notes take the theme's words", r.stderr.decode()[-800:])
        # The charts' colours are the theme's, checked for contrast.
        for colour, code, needle in (('"#9DB8E0"', 1, "contrast of"), ('"#1F5FA"', 1, "#RRGGBB"),
                                     ('"#0B4F8A"', 0, "")):
            r = theme_file("charts.yaml", ('"#1F5FA8"', colour))
            err = r.stderr.decode()
            ok(r.returncode == code and needle in err and (code == 0 or "charts.yaml:" in err),
               f"words: check of the chart colour {colour}", err[-800:])
        r = run([plangen, "build", "--content", "tests/fixture", "--theme", theme, "--output", out])
        page = open(os.path.join(out, "measure-m1.html"), encoding="utf-8").read() if r.returncode == 0 else ""
        ok('fill="#0b4f8a"' in page and 'fill="#1f5fa8"' not in page,
           "words: the charts take the theme's colours", r.stderr.decode()[-800:])

def suite_plan2(plangen):
    """A second plan of another shape (tests/plan2: one indicator set, policies
    of 1 and 4 measures, its own words, a measure no text places, a chart in a
    measure text, no fax): it checks clean, and its site and booklets show
    its plan and nothing of Koriyama's."""
    r = run([plangen, "check", "--content", "tests/plan2", "--strict"])
    out = r.stdout.decode()
    ok(r.returncode == 0 and "2 policies, 5 measures, 13 indicators (main 13)" in out and "English: 100.0%" in out,
       "plan2: check --strict", out + r.stderr.decode()[-2000:])
    # A policy's text that places a later measure but not m4: m4, set after the text,
    # would come out of order (…, 5, 4) — a warning at m4 in structure.yaml.
    with tempfile.TemporaryDirectory() as tmp:
        copy, path, text = plan_copy("tests/plan2", tmp, "ja/policies/goal2.md")
        open(path, "w", encoding="utf-8").write(text.replace("plangen measure m4", "plangen measure m5"))
        en = os.path.join(copy, "en", "policies", "goal2.md")
        open(en, "w", encoding="utf-8").write(open(en, encoding="utf-8").read().replace("measure m4", "measure m5"))
        r = run([plangen, "check", "--content", copy])
        line = open(os.path.join(copy, "structure.yaml"), encoding="utf-8").read().split("\n").index("      - id: m4") + 1
        ok(r.returncode == 0 and re.search(rf"structure\.yaml:{line}:\d+: warning: the measure \"m4\" is set after "
                                           r"the text of its policy, after \"m5\", out of order", r.stderr.decode()),
           "plan2: a measure no text places, set after a later one, is a warning at its entry", r.stderr.decode()[-1500:])
    # m2 and m3 swapped in structure.yaml, the policy's text left as it was: the booklet
    # would read 3, 2 — a warning at the block placed after the one numbered after it.
    with tempfile.TemporaryDirectory() as tmp:
        copy, path, text = plan_copy("tests/plan2", tmp, "structure.yaml")
        lines = text.split("\n")
        a, b = lines.index("      - id: m2"), lines.index("      - id: m3")
        c = lines.index("      - id: m4")
        open(path, "w", encoding="utf-8").write("\n".join(lines[:a] + lines[b:c] + lines[a:b] + lines[c:]))
        r = run([plangen, "check", "--content", copy])
        ok(r.returncode == 0 and re.search(r"ja/policies/goal2\.md:\d+:1: warning: the measure \"m3\" \(number 2\) is "
                                           r"placed after \"m2\" \(number 3\)", r.stderr.decode()),
           "plan2: measures reordered in structure.yaml but not in the text are a warning", r.stderr.decode()[-1500:])
    with tempfile.TemporaryDirectory() as tmp:
        copy, path, text = plan_copy("tests/plan2", tmp, "ja/policies/goal2.md")
        # m1 placed a second time, at the end of the other policy's text: printed twice.
        for lang in ("ja", "en"):
            with open(os.path.join(copy, lang, "policies", "goal2.md"), "a", encoding="utf-8") as f:
                f.write("\n```plangen measure m1\n```\n")
        r = run([plangen, "check", "--content", copy])
        ok(r.returncode == 0 and re.search(r"ja/policies/goal2\.md:\d+:1: warning: the measure \"m1\" is placed a second "
                                           r"time: the booklet prints it twice\n(.*\n){2}.*placed first in .*goal1\.md",
                                           r.stderr.decode()),
           "plan2: a measure placed twice is a warning at its second place, naming the first", r.stderr.decode()[-1500:])
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        r = run([plangen, "build", "--content", "tests/plan2", "--output", site])
        if not ok(r.returncode == 0, "plan2: build", r.stderr.decode()[-2000:]):
            return
        # The site's own checks (html_check.c) find nothing, and its accessibility page
        # (site.accessibility: AA) says so, linked from every page's footer.
        a11y = open(os.path.join(site, "en/accessibility.html"), encoding="utf-8").read() \
            if os.path.exists(os.path.join(site, "en/accessibility.html")) else ""
        home = open(os.path.join(site, "index.html"), encoding="utf-8").read()
        ok("warning: the page" not in r.stderr.decode() and "level AA" in a11y and "Problems found: 0." in a11y
           and 'href="accessibility.html"' in home, "plan2: the accessibility page and the build's own checks",
           r.stderr.decode()[-1500:] + a11y[-1500:])
        # The whole of check.js for the normal build (axe-core in Chromium, English pages,
        # search: a part of every page's title, a word inside a longer one (特定外来生物), an
        # English word and two words of the pages' text); the static checks for the sanitized
        # one (its site is the same; the browser would double the suite's time).
        full = "san" not in plangen
        probes = ["--search", "外来生物=measure-m4.html", "--search", "invasive=en/measure-m4.html",
                  "--search", "carbon neutrality=en/1-introduction.html"]
        record = os.path.join(tmp, "record.yaml")
        r = subprocess.run(["node", "tests/web/check.js", site] + (probes + ["--record", record] if full else ["--static"]),
                           capture_output=True, timeout=900)
        ok(r.returncode == 0, "plan2: links, validity, pairs, safety" +
           (", English, axe, search (check.js)" if full else " (check.js --static)"),
           r.stdout.decode()[-4000:] + r.stderr.decode()[-2000:])
        # the sanitized build: a results file written here, digests computed independently
        a11y_results(plangen, "plan2", "tests/plan2", site, record if full else None)
        tables_agree(site, "plan2")
        spans_agree(site, "plan2", "tests/plan2")
        again = os.path.join(tmp, "again")
        r = run([plangen, "build", "--content", "tests/plan2", "--output", again])
        ta, tb = tree(site), tree(again)
        ok(r.returncode == 0 and ta == tb, "plan2: two builds are byte-identical",
           "differ: " + " ".join(sorted(k for k in set(ta) | set(tb) if ta.get(k) != tb.get(k)))[:2000])
        ok(not os.path.exists(os.path.join(site, "revisions.html")) and not os.path.exists(os.path.join(site, "committee.html")),
           "plan2: no revision list with one indicator set, no members page without a members table")
        pages = {f: open(os.path.join(site, f), encoding="utf-8").read() for f in os.listdir(site) if f.endswith(".html")}
        for lang, pdf in (("ja", "plan-ja.pdf"), ("en", "plan-en.pdf")):
            text = pdf_text(os.path.join(site, "downloads", pdf))
            # m5, the last of its policy's measures, which that policy's text does not place
            title = "環境を守り育てる人づくり" if lang == "ja" else "protect and nurture the environment"
            ok(title in text, f"plan2: the measure that no text places is in the {lang} booklet, after its policy")
            ok("FAX" not in text, f"plan2: no bare FAX label in the {lang} booklet")
            nums = [int(n) for n in re.findall(r"^(?:図|Figure )(\d+)", text, re.M)]
            ok(nums == list(range(1, len(nums) + 1)) and nums, f"plan2: the {lang} booklet numbers its charts 1, 2, …",
               str(nums))
            words = (["施策の方向", "成果指標", "基準値", "2019年度（令和元年度）"] if lang == "ja"
                     else ["Direction", "Outcome indicators", "Baseline", "FY2019 (Reiwa 1)"])
            ok(all(w in text for w in words), f"plan2: the plan's own words in the {lang} booklet")
            # A text's link to a section of another chapter (2-current-state.html#…) leads to
            # its heading in the booklet, not out to the site.
            label = "ごみ・資源循環" if lang == "ja" else "Waste and Resource Circulation"
            where = link_pages(os.path.join(site, "downloads", pdf), label)
            there = pdf_text_page(os.path.join(site, "downloads", pdf), where[1]) if where and where[1] else ""
            ok(where and where[1] and where[1] < where[0] and re.search(r"^2\s*" + re.escape(label) + "$", there, re.M),
               f"plan2: a link to a section leads to its heading in the {lang} booklet", f"{where} {there[:500]}")
            # (In English it breaks over two lines: one link, its two annotations described whole.)
            texts = [t for t, _ in link_annots(os.path.join(site, "downloads", pdf))[0]]
            ok(not [t for t in texts if t != label and t and label.startswith(t)],
               f"plan2: a link broken over lines is described whole in the {lang} booklet", str(texts))
        koriyama = ["基本施策", "基本方針", "基本指標", "全体指標", "推進部局", "重点項目", "計画策定時", "担当所属", "委員名簿"]
        # The open data and its item definition, shown on downloads.html, say the plan's words too.
        for name in ("indicators.csv", "indicators.json", "indicators-items.csv"):
            pages["downloads/" + name] = open(os.path.join(site, "downloads", name), encoding="utf-8-sig").read()
        leaks = [f"{f}: {w}" for f, page in pages.items() for w in koriyama if w in page]
        ok(not leaks, "plan2: no word of Koriyama's plan on its pages and in its open data", str(leaks[:10]))
        ok("施策の方向の番号" in pages["downloads/indicators-items.csv"] and "総合指標" in pages["downloads/indicators.csv"],
           "plan2: the item definition and the records use the plan's words")
        ok(all("FAX" not in page for page in pages.values()), "plan2: no bare FAX label on the site")
        m1 = pages["measure-m1.html"]
        ok(m1.count('id="fig-m1-solar"') == 1, "plan2: a chart placed in a measure text is not added again")
        statuses_agree(plangen, site, "plan2", "tests/plan2")
        # The booklets: the generic checks of tests/pdf_test.py (its title, its word for 目次,
        # its parts; the seed's text is Koriyama's alone); the normal build is also built again
        # and timed (the sanitized one is slower by design).
        r = subprocess.run([sys.executable, "tests/pdf_test.py", site, "--content", "tests/plan2"] +
                           ([] if "san" in plangen else ["--plangen", plangen]), capture_output=True, timeout=600)
        ok(r.returncode == 0, "plan2: the booklets (tests/pdf_test.py --content tests/plan2)",
           r.stdout.decode()[-3000:] + r.stderr.decode()[-4000:])
        # The open data: the generic checks of tests/data_test.py, against tests/plan2's YAML
        # (era years read as plangen reads them); Koriyama's counts and statuses are not asked.
        r = run([sys.executable, "tests/data_test.py", site, "--content", "tests/plan2", "--plangen", plangen])
        ok(r.returncode == 0, "plan2: open data (tests/data_test.py --content tests/plan2)",
           r.stdout.decode()[-3000:] + r.stderr.decode()[-3000:])


def suite_languages(plangen):
    """Languages are a list in plan.yaml: [ja, en, ko] without Korean texts
    builds a /ko/ site and a Korean booklet (a warning; --strict fails), the
    Japanese shown there marked lang="ja"; [ja] alone builds one language."""
    with tempfile.TemporaryDirectory() as tmp:
        content = os.path.join(tmp, "content")
        shutil.copytree("tests/fixture", content)
        plan = os.path.join(content, "plan.yaml")
        text = open(plan, encoding="utf-8").read()
        open(plan, "w", encoding="utf-8").write("languages: [ja, en, ko]\nsite: {base_url: https://example.jp/plan}\n"
                                                + text)
        r = run([plangen, "check", "--content", content])
        err, out = r.stderr.decode(), r.stdout.decode()
        ok(r.returncode == 0 and err.count("no Korean texts") == 1 and "Korean: 0.0%" in out
           and "English: 100.0%" in out, "languages: a language without texts is one warning", err[-1500:] + out)
        ok(err.count("the interface has no Korean words") == 1,
           "languages: a language the theme has no interface words in is told once", err[-1500:])
        r = run([plangen, "check", "--content", content, "--strict"])
        ok(r.returncode == 1, "languages: a language without texts fails --strict")
        # A language begun (Koriyama's content with one Korean title): a line per file
        # that lacks it, with the count, not one warning per text.
        begun = os.path.join(tmp, "begun")
        shutil.copytree("content", begun)
        for name, old, new in (("plan.yaml", "title:", "languages: [ja, en, ko]\ntitle:"),
                               ("plan.yaml", "  en: The Second Koriyama", "  ko: \uc81c2\ucc28\n  en: The Second Koriyama")):
            path = os.path.join(begun, name)
            data = open(path, encoding="utf-8").read()
            open(path, "w", encoding="utf-8").write(data.replace(old, new, 1))
        r = run([plangen, "check", "--content", begun])
        err = r.stderr.decode()
        per_file = re.findall(r"^(\S+?):\d+:\d+: warning: (\d+) texts of this file have no Korean translation", err, re.M)
        ok(r.returncode == 0 and len(per_file) >= 5 and len(per_file) == len({f for f, _ in per_file})
           and sum(int(n) for _, n in per_file) > 400 and err.count("warning:") < 40,
           "languages: a language begun is told a line per file, with its count", err[-2000:])
        site = os.path.join(tmp, "site")
        r = run([plangen, "build", "--content", content, "--output", site])
        if ok(r.returncode == 0, "languages: build with ja, en, ko", r.stderr.decode()[-1500:]):
            page = open(os.path.join(site, "ko/measure-m1.html"), encoding="utf-8").read()
            ok('<html lang="ko">' in page and 'lang="ja"' in page, "languages: ko pages say lang=\"ko\" and mark the Japanese")
            home = open(os.path.join(site, "index.html"), encoding="utf-8").read()
            ok('hreflang="ko"' in home and 'href="ko/index.html"' in home, "languages: every page links its Korean page")
            pdf = os.path.join(site, "downloads/plan-ko.pdf")
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
            ok("Pages:" in info, "languages: a Korean booklet", info)
            smap = open(os.path.join(site, "sitemap.xml"), encoding="utf-8").read()
            ok("<loc>https://example.jp/plan/ko/index.html</loc>" in smap
               and os.path.exists(os.path.join(site, "assets/search-ko.js")),
               "languages: the sitemap and the search index have the Korean pages")
            r = subprocess.run(["node", "tests/web/check.js", site, "--static"], capture_output=True, timeout=300)
            ok(r.returncode == 0, "languages: the three-language site passes check.js --static", r.stdout.decode()[-2000:])
            # The open data: a column of each text in Korean beside its ja and en, described.
            head = open(os.path.join(site, "downloads/indicators.csv"), encoding="utf-8-sig").readline().strip().split(",")
            rec = json.load(open(os.path.join(site, "downloads/indicators.json"), encoding="utf-8"))["records"][0]
            items = open(os.path.join(site, "downloads/indicators-items.csv"), encoding="utf-8-sig").read()
            want = ["name_ja", "name_en", "name_ko"]
            ok(head[head.index("name_ja"):head.index("name_ja") + 3] == want and "name_ko" in rec
               and ",name_ko,指標名（韓国語）,Indicator name (Korean)," in items,
               "languages: the open data has a Korean column beside each ja and en one", str(head))
        open(plan, "w", encoding="utf-8").write("languages: [ja]\n" + text)
        one = os.path.join(tmp, "one")
        r = run([plangen, "build", "--content", content, "--output", one])
        ok(r.returncode == 0 and not os.path.exists(os.path.join(one, "en")) and
           sorted(f for f in os.listdir(os.path.join(one, "downloads")) if f.endswith(".pdf")) == ["plan-ja.pdf"],
           "languages: a plan in Japanese alone has one site and one booklet", r.stderr.decode()[-1500:])


def suite_generic_source():
    """Nothing in src/ names one plan: no Japanese text outside the line
    breaker's character classes (pdf_layout.c), and no id of either fixture
    plan's content as a string."""
    japanese = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60]")
    ids = set()
    for folder in ("content", "tests/plan2"):
        for name in os.listdir(folder):
            if name.endswith(".yaml"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                ids.update(re.findall(r"\bid:\s*([A-Za-z0-9_-]+)", text))
    # Ids that are also words of the code itself (keys, template slots,
    # class and attribute names).
    ids -= {"main", "revised", "first", "overall", "all", "group", "property"}
    for name in sorted(os.listdir("src")):
        if not name.endswith((".c", ".h")):
            continue
        text = open(os.path.join("src", name), encoding="utf-8").read()
        if not name.startswith("pdf_layout."):
            lines = [f"{name}:{i + 1}: {line.strip()}" for i, line in enumerate(text.split("\n"))
                     if japanese.search(line)]
            ok(not lines, f"generic: no Japanese text in src/{name}", "\n".join(lines[:10]))
        named = sorted(i for i in ids if f'"{i}"' in text)
        ok(not named, f"generic: no content id in src/{name}", ", ".join(named))


def suite_faithful():
    """The seed's sentences and numbers-with-unit are all in the Japanese content
    (tests/faithful.py), and the check itself can fail (its self-test)."""
    r = run([sys.executable, "tests/faithful.py"])
    ok(r.returncode == 0, "faithful: the seed is in the Japanese content", r.stdout.decode()[-3000:])
    r = run([sys.executable, "tests/faithful.py", "--self-test"])
    ok(r.returncode == 0, "faithful: the check fails when a sentence or a number is removed",
       r.stdout.decode()[-3000:])


def suite_site(plangen):
    """The website: links, validity, accessibility (axe-core in Chromium), both
    languages, and the seed's text in the Japanese pages."""
    with tempfile.TemporaryDirectory() as tmp:
        # content/ with an accessibility page (site: accessibility: AA), so it is tested too
        content = os.path.join(tmp, "content")
        with_a11y("content", content)
        out = os.path.join(tmp, "site")
        r = run([plangen, "build", "--content", content, "--output", out])
        if not ok(r.returncode == 0, "site: build", r.stderr.decode()[-2000:]):
            return
        tables_agree(out, "site")
        spans_agree(out, "site", "content")
        for lang in ("ja", "en"):
            text = pdf_text(os.path.join(out, f"downloads/plan-{lang}.pdf"))
            nums = [int(n) for n in re.findall(r"^(?:図|Figure )(\d+)", text, re.M)]
            ok(nums == list(range(1, len(nums) + 1)) and nums, f"site: the {lang} booklet numbers its charts 1, 2, …",
               str(nums))
        # search: beside a part of every page's title, a Japanese word inside a longer one
        # (町内会加入率) and an English word of a page's text
        record = os.path.join(tmp, "record.yaml")
        r = subprocess.run(["node", "tests/web/check.js", out, "--search", "加入率=measure-m4.html",
                            "--search", "crowdfunding=en/measure-m5.html", "--record", record],
                           capture_output=True, timeout=900)
        report = r.stdout.decode()
        ok(r.returncode == 0, "site: links, validity, pairs, English, axe, search",
           report[-4000:] + r.stderr.decode()[-2000:])
        a11y_results(plangen, "site", "content", out, record)
        # Printed from the browser, a page of tall tables breaks them between rows: no
        # page but the last is nearly empty (revisions.html printed a blank first page).
        for page in ("revisions.html", "en/revisions.html", "indicators.html", "en/measure-m5.html"):
            pdf = os.path.join(tmp, "print.pdf")
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                            f"--print-to-pdf={pdf}", "file://" + os.path.join(out, page)], capture_output=True,
                           timeout=120)
            info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
            n = int(re.search(r"Pages:\s+(\d+)", info).group(1)) if "Pages:" in info else 0
            words = [len(subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), pdf, "-"], capture_output=True,
                                        text=True).stdout.split()) for k in range(1, n + 1)]
            ok(n > 0 and all(w >= 40 for w in words[:-1]), f"site: {page} prints with no near-empty page", str(words))
            if os.path.exists(pdf):
                os.remove(pdf)
        r = run([sys.executable, "tests/faithful.py", "--text", os.path.join(tmp, "site-ja.txt")])
        ok(r.returncode == 0, "site: the seed is in the Japanese pages", r.stdout.decode()[-3000:])
        statuses_agree(plangen, out, "site", "content")


def fnv1a64(data):
    """The page digest of make a11y's results (check.js fnv1a64, out_html.c page_digest)."""
    h = 0xcbf29ce484222325
    for b in data:
        h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
    return f"{h:016x}"


def with_a11y(content, dst, results=None):
    """A copy of a content folder whose site has an accessibility page (site:
    accessibility: AA) and, given a results file, states it (accessibility_results)."""
    shutil.copytree(content, dst)
    path = os.path.join(dst, "plan.yaml")
    text = open(path, encoding="utf-8").read()
    add = "  accessibility: AA\n" if not re.search(r"^  accessibility:", text, re.M) else ""
    if results:
        shutil.copy(results, os.path.join(dst, "accessibility-results.yaml"))
        add += "  accessibility_results: accessibility-results.yaml\n"
    text = re.sub(r"^site:\n", "site:\n" + add, text, flags=re.M) if re.search(r"^site:", text, re.M) \
        else text + "site:\n" + add
    open(path, "w", encoding="utf-8").write(text)


def a11y_results(plangen, label, content, site, record):
    """The accessibility page states the results of the site's tests in a browser (make
    a11y; `record` is check.js --record's file, or None: one is written here from the
    pages of `site`, built from a with_a11y copy of `content`): the day, the tools, the
    pages of each language and the problems; a page changed or added since is counted
    and warned of; a missing file is a warning."""
    with tempfile.TemporaryDirectory() as tmp:
        pages = sorted(os.path.relpath(os.path.join(d, f), site) for d, _, fs in os.walk(site) for f in fs
                       if f.endswith(".html") and f != "accessibility.html")
        if record is not None and not ok(os.path.exists(record), f"{label}: check.js --record writes its file"):
            return
        if record is None:
            record = os.path.join(tmp, "record.yaml")
            with open(record, "w", encoding="utf-8") as f:
                f.write('tested: 2026-01-31\ntools:\n  axe-core: "4.0.0"\n  html-validate: "9.0.0"\npages:\n')
                for pg in pages:
                    digest = fnv1a64(open(os.path.join(site, pg), "rb").read())
                    f.write(f'  "{pg}": {{digest: "{digest}", axe-core: 0, html-validate: 0}}\n')
        rec = open(record, encoding="utf-8").read()
        day = re.search(r"^tested: (\d+)-(\d+)-(\d+)$", rec, re.M)
        versions = re.findall(r'^  (?:axe-core|html-validate): "?([^"\n]+)"?$', rec, re.M)
        listed = re.findall(r'^  "([^"]+)": \{digest: "([0-9a-f]{16})"', rec, re.M)
        ok(day and len(versions) == 2 and sorted(p for p, _ in listed) == pages,
           f"{label}: the accessibility results list every page but the accessibility pages",
           str(set(pages) ^ {p for p, _ in listed})[:500] + rec[:300])
        if not day:
            return

        def build(results, name):
            c, o = os.path.join(tmp, name), os.path.join(tmp, name + "-site")
            with_a11y(content, c, results)
            r = run([plangen, "build", "--content", c, "--output", o])
            main = {}
            for lang, page in (("ja", "accessibility.html"), ("en", "en/accessibility.html")):
                text = open(os.path.join(o, page), encoding="utf-8").read() if os.path.exists(
                    os.path.join(o, page)) else ""
                main[lang] = re.sub(r"<[^>]+>", "", text[text.find("<main"):text.find("</main>")])
            return r, main, c

        y, m, d = (int(x) for x in day.groups())
        r, main, _ = build(record, "tested")
        count = {"ja": sum(1 for p in pages if not p.startswith("en/")),
                 "en": sum(1 for p in pages if p.startswith("en/"))}
        want = {"ja": f"{y}年{m}月{d}日に、この言語の{count['ja']}ページをaxe-core {versions[0]}（WCAG 2.1 A/AA）と"
                      f"html-validate {versions[1]}で試験しました。axe-coreが見つけた問題：0件、html-validateが見つけた問題：0件。",
                "en": f"{count['en']} pages in this language were tested with axe-core {versions[0]} (WCAG 2.1 A/AA) "
                      f"and html-validate {versions[1]}. Problems found by axe-core: 0; by html-validate: 0."}
        ok(r.returncode == 0 and "older than the site" not in r.stderr.decode() and
           all(want[lang] in main[lang] and "since the test" not in main[lang] for lang in want),
           f"{label}: the accessibility pages state the tests of the site as built", r.stderr.decode()[-1500:] +
           main["ja"][-600:] + main["en"][-600:])
        # One page changed since (its digest), one with problems, one added (not listed).
        first, second = [p for p, _ in listed if p.startswith("en/")][:2]
        damaged = os.path.join(tmp, "damaged.yaml")
        lines = []
        for line in rec.splitlines(True):
            if line.startswith(f'  "{first}":'):
                line = re.sub(r'digest: "(.)', lambda g: 'digest: "' + ("1" if g.group(1) == "0" else "0"), line)
                line = line.replace("axe-core: 0", "axe-core: 2").replace("html-validate: 0", "html-validate: 5")
            elif line.startswith(f'  "{second}":'):
                continue
            lines.append(line)
        open(damaged, "w", encoding="utf-8").write("".join(lines))
        r, main, _ = build(damaged, "damaged")
        err = r.stderr.decode()
        ok(r.returncode == 0 and "pages changed since the test: 1, pages added: 1" in err and
           "plan.yaml:" in err and f"tested with axe-core {versions[0]}" in main["en"] and
           f"{count['en'] - 1} pages in this language were tested" in main["en"] and
           "Problems found by axe-core: 2; by html-validate: 5." in main["en"] and
           "Pages changed since the test: 1; pages added since: 1." in main["en"] and
           "試験の後" not in main["ja"],
           f"{label}: a page changed and a page added since the test are counted and warned of",
           err[-1500:] + main["en"][-800:])
        # A results file named but not written yet: a warning, and the site is built.
        c = os.path.join(tmp, "missing")
        with_a11y(content, c, record)
        os.remove(os.path.join(c, "accessibility-results.yaml"))
        r = run([plangen, "build", "--content", c, "--output", os.path.join(tmp, "missing-site")])
        err = r.stderr.decode()
        ok(r.returncode == 0 and re.search(r"plan\.yaml:\d+:\d+: warning: the file of accessibility test results "
                                           r'"accessibility-results.yaml" does not exist', err) and "make a11y" in err,
           f"{label}: a results file not written yet is a warning with its place and the fix", err[-1500:])


def statuses_agree(plangen, out, label, content):
    """The progress status of every indicator: the same in the overview of the site (code
    and label) and in the booklet's tables (symbol and label) as in the open data.  The
    booklet shows them with print.yaml's additions: status: true; by default (false, the
    printed original) its tables have no status."""
    progress_word = plan_content.Plan(content).word("progress", "ja")  # 指標の進捗
    records = json.load(open(os.path.join(out, "downloads/indicators.json"), encoding="utf-8"))["records"]
    want = {rec["id"]: (rec["status"], rec["status_ja"]) for rec in records}
    for lang, page in (("ja", "indicators.html"), ("en", "en/indicators.html")):
        text = open(os.path.join(out, page), encoding="utf-8").read()
        got = dict(re.findall(r'<tr id="ind-([^"]+)">.*?<td[^>]* class="status ([a-z_]+)"[^>]*>', text))
        ok(got.keys() == want.keys(), f"{label}: every indicator in the {lang} overview", str(set(want) ^ set(got)))
        bad = [i for i in want if got.get(i) != want[i][0]]
        ok(not bad, f"{label}: statuses in the {lang} overview equal the open data's", str(bad))
    ja = open(os.path.join(out, "indicators.html"), encoding="utf-8").read()
    labels = dict(re.findall(r'<tr id="ind-([^"]+)">.*?<td[^>]* class="status [a-z_]+"[^>]*>\S+ ([^<]+)<', ja))
    bad = [i for i in want if labels.get(i) != want[i][1]]
    ok(not bad, f"{label}: status labels equal the open data's", str(bad))
    # The PDF's indicator tables: each status (symbol and label) as often as the
    # open data has indicators with it; each summary of progress (指標の進捗 …) adds
    # one more of every status, in its header.
    with tempfile.TemporaryDirectory() as tmp:
        theme = os.path.join(tmp, "theme")
        shutil.copytree("themes/default", theme)
        path = os.path.join(theme, "print.yaml")
        text = open(path, encoding="utf-8").read()
        ok("  status: false\n" in text, f"{label}: the default booklet reproduces the original: no status column")
        open(path, "w", encoding="utf-8").write(text.replace("  status: false\n", "  status: true\n"))
        r = run([plangen, "build", "--content", content, "--theme", theme, "--output", os.path.join(tmp, "o")])
        ok(r.returncode == 0, f"{label}: build with additions: status: true", r.stderr.decode()[-1500:])
        pdf = os.path.join(tmp, "o", "downloads/plan-ja.pdf")
        text = re.sub(r"\s", "", subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True,
                                                text=True).stdout) if os.path.exists(pdf) else ""
    plain = re.sub(r"\s", "", subprocess.run(["pdftotext", "-raw", os.path.join(out, "downloads/plan-ja.pdf"), "-"],
                                             capture_output=True, text=True).stdout)
    summaries = text.count(progress_word + "（")
    symbols = {"achieved": "◎", "on_track": "○", "behind": "△", "worse": "×", "monitoring": "◇",
               "no_target": "□", "no_data": "－"}
    counts = {}
    for code, name in want.values():
        counts[(code, name)] = counts.get((code, name), 0) + 1
    bad = [(code, n, text.count(symbols[code] + name) - summaries) for (code, name), n in counts.items()
           if text.count(symbols[code] + name) - summaries != n]
    ok(counts and not bad, f"{label}: statuses in the booklet's tables equal the open data's", str(bad))
    # The default booklet: statuses only in the summaries the text places, none in its tables.
    extra = [(code, plain.count(symbols[code] + name) - plain.count(progress_word + "（")) for code, name in counts]
    ok(plain and all(n == 0 for _, n in extra), f"{label}: no status column in the default booklet's tables",
       str(extra))


FUZZ_RUNS = 1000


def suite_bench(plangen):
    """make bench once at 1× (tests/bench.py --sizes 1 --runs 1): the synthetic plan builds and
    the table is printed. Not a timed test."""
    r = run([sys.executable, "tests/bench.py", "--sizes", "1", "--runs", "1", "--plangen", plangen])
    out = r.stdout.decode()
    ok(r.returncode == 0 and re.search(r"^ +1× +3 +7 +62 +[\d.]+ +[\d.]+ ", out, re.M),
       "bench: make bench runs at 1× (3 policies, 7 measures, 62 indicators)", out[-1500:] + r.stderr.decode()[-1500:])


def suite_scale(plangen):
    """A plan 100 times content/ (tests/bench.py's generator: 300 policies, 700 measures, 6,200
    indicators) builds within bounded memory, and its booklets, some 3,000 pages each, are
    tagged as the small ones are: the limits that only a large plan meets (libharu's arrays of
    8,191 items, PDF's strings of 65,535 bytes) are met here, not first by a city."""
    import bench
    import tagged
    with tempfile.TemporaryDirectory() as tmp:
        content, out = os.path.join(tmp, "plan"), os.path.join(tmp, "out")
        bench.gen(100, content)
        r = subprocess.run(["/usr/bin/time", "-v", plangen, "build", "--content", content, "--output", out],
                           capture_output=True, text=True)
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
        peak = int(m.group(1)) // 1024 if m else None
        ok(r.returncode == 0, "scale: a plan 100 times content/ builds", r.stderr[-2000:])
        # 536 MiB on 2026-11-30; 857 MiB when the libharu document was still held while qpdf
        # packed the file.
        ok(peak is not None and peak <= 768, f"scale: the 100× build's peak memory is at most 768 MiB ({peak} MiB)")
        # check grows with the plan, not with its square: 100× against 10× (a line looked up
        # from the file's start for each text made it 80 times, 15 s at 100×).
        small = os.path.join(tmp, "plan10")
        bench.gen(10, small)
        def check_time(plan):
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run([plangen, "check", "--content", plan], capture_output=True)
                times.append(time.perf_counter() - start)
            return sorted(times)[1]
        t10, t100 = check_time(small), check_time(content)
        ok(t100 <= 30 * t10, f"scale: check of the 100× plan is at most 30 times the 10× one's "
                             f"({t100:.2f} s against {t10:.3f} s)")
        for lang in ("ja", "en"):
            pdf = os.path.join(out, "downloads", f"plan-{lang}.pdf")
            pages = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout.decode(), re.M) \
                if os.path.exists(pdf) else None
            ok(pages and int(pages.group(1)) > 1000, f"scale: the 100× plan-{lang}.pdf has over 1,000 pages",
               pages.group(0) if pages else "no booklet")
            if pages:
                problems, counts = tagged.check(pdf)
                ok(not problems and counts.get("TD", 0) > 50000,
                   f"scale: the 100× plan-{lang}.pdf's structure and PDF/UA-1 rules hold (tests/tagged.py)",
                   "\n".join(problems[:10]) + str(counts))


def plan_copy(plan, tmp, name):
    """A copy of content folder `plan` in tmp/c, the path of its file `name` and its text."""
    copy = os.path.join(tmp, "c")
    shutil.copytree(plan, copy)
    path = os.path.join(copy, name)
    return copy, path, open(path, encoding="utf-8").read()


def suite_repeated_block(plangen):
    """A measure placed a second time in a text is a warning, and its second drawing on a
    page gets its ids numbered (measure-m1-1) with the references inside it following, so
    the page uses each id once and every reference on it leads somewhere."""
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "c")
            shutil.copytree(plan, copy)
            block, texts = None, []
            for sub in ("chapters", "policies"):
                folder = os.path.join(copy, "ja", sub)
                for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
                    m = re.search(r"^```plangen measure (\S+)\n```\n", open(os.path.join(folder, name),
                                                                           encoding="utf-8").read(), re.M)
                    if m and not block:
                        block, texts = m, [os.path.join(l, sub, name) for l in os.listdir(copy)
                                           if os.path.exists(os.path.join(copy, l, sub, name))]
            if not ok(block is not None, f"repeated block: {plan} places a measure in a text"):
                continue
            for rel in texts:
                with open(os.path.join(copy, rel), "a", encoding="utf-8") as f:
                    f.write("\n" + block.group(0))
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            err = r.stderr.decode()
            ok(r.returncode == 0 and f'"{block.group(1)}" is placed a second time' in err
               and "uses an id twice" not in err, f"repeated block: {plan} builds with a warning", err[-1500:])
            pages = 0
            for page in glob.glob(os.path.join(out, "**", "*.html"), recursive=True):
                html = open(page, encoding="utf-8").read()
                if f'id="measure-{block.group(1)}-1"' not in html:
                    continue
                pages += 1
                ids = re.findall(r' id="([^"]+)"', html)
                refs = [x for v in re.findall(r' (?:headers|aria-labelledby|aria-describedby|for)="([^"]+)"', html)
                        for x in v.split()]
                refs += [urllib.parse.unquote(x) for x in re.findall(r' href="#([^"]+)"', html)]
                ok(len(ids) == len(set(ids)) and ids.count(f"measure-{block.group(1)}") == 1
                   and all(x in ids for x in refs),
                   f"repeated block: {plan} {os.path.relpath(page, out)} uses each id once, references resolve",
                   str(sorted(x for x in set(ids) if ids.count(x) > 1)[:5]) + str([x for x in refs if x not in ids][:5]))
            ok(pages > 0, f"repeated block: {plan} has a page with the measure drawn twice")


def suite_contact(plangen):
    """The editor's phone number written with its area code in brackets or with spaces, and
    an e-mail address copied from a link (mailto:), give the same links as the plain forms:
    tel:+81-… without the trunk 0, one mailto:."""
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            links = []
            for k, form in enumerate(("{a}-{b}-{c}", "({a}){b}-{c}", "{a} {b} {c}")):
                copy = os.path.join(tmp, f"c{k}")
                shutil.copytree(plan, copy)
                path = os.path.join(copy, "plan.yaml")
                text = open(path, encoding="utf-8").read()
                text = re.sub(r"^(  (?:phone|fax): )(\d+)-(\d+)-(\d+)$",
                              lambda m: m.group(1) + form.format(a=m.group(2), b=m.group(3), c=m.group(4)), text,
                              flags=re.M)
                if k:
                    text = re.sub(r"^(  email: )", r"\1mailto:", text, flags=re.M)
                open(path, "w", encoding="utf-8").write(text)
                out = os.path.join(tmp, f"o{k}")
                r = run([plangen, "build", "--content", copy, "--output", out])
                pages = glob.glob(os.path.join(out, "**", "*.html"), recursive=True) if r.returncode == 0 else []
                links.append(sorted({x for page in pages for x in re.findall(r'href="((?:tel|mailto):[^"]*)"',
                                                                            open(page, encoding="utf-8").read())}))
            ok(links[0] and all(re.fullmatch(r"tel:\+81-[1-9]\d*-\d+-\d+|mailto:[^:]+", x) for x in links[0])
               and links[1] == links[0] and links[2] == links[0],
               f"contact: phone numbers in brackets or spaces and mailto: addresses give the same links ({plan})",
               str(links))


def suite_block_text(plangen):
    """An indicator's name written as a block (|), which keeps a line break at its end, is
    published without it: not in the open data's cell, not as a break on the page."""
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            copy, path, text = plan_copy(plan, tmp, "indicators.yaml")
            m = re.search(r"^( +)name:\n( +)ja: (\S+)\n", text, re.M)
            if not ok(m, f"block text: {plan} has a name written by language"):
                continue
            name = m.group(3)
            cut = len(name) // 2
            block = f"{m.group(1)}name:\n{m.group(2)}ja: |\n{m.group(2)}  {name[:cut]}\n{m.group(2)}  {name[cut:]}\n"
            open(path, "w", encoding="utf-8").write(text[:m.start()] + block + text[m.end():])
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            cells = [row.get("name_ja", "") for row in read_csv_records(os.path.join(out, "downloads", "indicators.csv"))] \
                if r.returncode == 0 else []
            ours = [c for c in cells if c.startswith(name[:cut] + "\n")]
            pages = "".join(open(f, encoding="utf-8").read() for f in glob.glob(os.path.join(out, "*.html")))
            ok(ours and all(c == f"{name[:cut]}\n{name[cut:]}" for c in ours)
               and f"{name[cut:]}<br></th>" not in pages and f"{name[cut:]}<br>\n" not in pages,
               f"block text: a name written as a block keeps no line break at its end ({plan})", str(ours))


def suite_file_links(plangen):
    """A link to a document of the content folder (files/report.pdf) is checked and the file
    copied to media/, the link leading there from every page and booklet; a link into
    downloads/ names a file the build writes (../downloads/ from a translated page); a
    missing document, a mistyped download and downloads/ without ../ from a translated page
    are errors."""
    doc = b"%PDF-1.4\n% a city's report\n"
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            copy = os.path.join(tmp, "c")
            shutil.copytree(plan, copy)
            os.makedirs(os.path.join(copy, "files"))
            open(os.path.join(copy, "files", "report.pdf"), "wb").write(doc)
            text = sorted(os.listdir(os.path.join(copy, "ja", "measures")))[0]
            langs = [l for l in sorted(os.listdir(copy)) if os.path.exists(os.path.join(copy, l, "measures", text))]
            def write(links):
                for lang in langs:
                    up = "" if lang == "ja" else "../"
                    with open(os.path.join(copy, lang, "measures", text), "a", encoding="utf-8") as f:
                        f.write("\n\n" + links.format(up=up) + "\n")
            write("[report](files/report.pdf#page=2) [data]({up}downloads/indicators.csv)")
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            page = os.path.join(out, "measure-" + text[:-3] + ".html")
            en = os.path.join(out, "en", "measure-" + text[:-3] + ".html")
            ja_html = open(page, encoding="utf-8").read() if r.returncode == 0 else ""
            en_html = open(en, encoding="utf-8").read() if r.returncode == 0 and os.path.exists(en) else ""
            copied = os.path.join(out, "media", "files", "report.pdf")
            ok(r.returncode == 0 and os.path.exists(copied) and open(copied, "rb").read() == doc
               and 'href="media/files/report.pdf#page=2"' in ja_html and 'href="downloads/indicators.csv"' in ja_html
               and 'href="../media/files/report.pdf#page=2"' in en_html
               and 'href="../downloads/indicators.csv"' in en_html,
               f"file links: a document is copied to media/ and linked there, a download linked ({plan})",
               r.stderr.decode()[-1500:])
            r = subprocess.run(["node", "tests/web/check.js", "--static", out], capture_output=True, timeout=300)
            ok(r.returncode == 0, f"file links: every link of the site resolves ({plan})", r.stdout.decode()[-1500:])
            write("[x](files/missing.pdf) [y](downloads/plan-jp.pdf)")
            r = run([plangen, "check", "--content", copy])
            err = r.stderr.decode()
            ok(r.returncode == 1 and 'leads to the file "files/missing.pdf"' in err
               and '"downloads/plan-jp.pdf", a file the build does not write' in err
               and "the downloads are at the site's top" in err,
               f"file links: a missing document, a mistyped download, downloads/ from a translated page ({plan})",
               err[-2000:])


def suite_repeated_column(plangen):
    """A table's text column that repeats its row's header in every row of a language (a
    roster's reading in English: Taro Aoba | Taro Aoba) is left out in that language
    only, on the site and in the booklet."""
    table = ("\n  - id: roster-test\n    caption: {ja: 名簿, en: Roster}\n    columns:\n"
             "      - {title: {ja: 氏名, en: Name}, header: true}\n      - {title: {ja: 読み, en: Reading}}\n"
             "      - {title: {ja: 所属, en: Affiliation}}\n    rows:\n"
             "      - [{ja: 青葉 太郎, en: Taro Aoba}, {ja: あおば たろう, en: Taro Aoba}, {ja: 大学, en: University}]\n"
             "      - [{ja: 緑川 花子, en: Hanako Midorikawa}, {ja: みどりかわ はなこ, en: Hanako Midorikawa}, {ja: 市役所, en: City hall}]\n")
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            copy, path, text = plan_copy(plan, tmp, "tables.yaml")
            open(path, "w", encoding="utf-8").write(text.rstrip("\n") + "\n" + table)
            chapter = sorted(os.listdir(os.path.join(copy, "ja", "chapters")))[0]
            for lang in ("ja", "en"):
                with open(os.path.join(copy, lang, "chapters", chapter), "a", encoding="utf-8") as f:
                    f.write("\n```plangen table roster-test\n```\n")
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            page = chapter[:-3] + ".html"
            ja = open(os.path.join(out, page), encoding="utf-8").read() if r.returncode == 0 else ""
            en = open(os.path.join(out, "en", page), encoding="utf-8").read() if r.returncode == 0 else ""
            en_pdf = pdf_text(os.path.join(out, "downloads", "plan-en.pdf")) if r.returncode == 0 else ""
            ok(r.returncode == 0 and ">読み</th>" in ja and "あおば たろう" in ja and "Roster" in en
               and ">Reading</th>" not in en and en.count("Taro Aoba") == 1
               and "Roster" in en_pdf and "Reading" not in en_pdf and en_pdf.count("Taro Aoba") == 1,
               f"repeated column: a reading that repeats the name is left out in English only ({plan})",
               r.stderr.decode()[-1000:])


def suite_long_cell(plangen):
    """A table cell longer than a page (an indicator's English description of 40 sentences), in
    both plans: the booklet runs the row on over the next page, the table's head repeated, and
    prints every sentence; the cell stays one element of the tagged PDF."""
    import tagged
    for content in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            copy, path, text = plan_copy(content, tmp, "indicators.yaml")
            at = text.index("en:", text.index("description:"))
            end = text.index("\n", at)
            long = " ".join(f"Sentence S{i:03d} describes the indicator in detail so that the cell grows."
                            for i in range(1, 41))
            open(path, "w", encoding="utf-8").write(text[:at] + "en: " + long + text[end:])
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            pdf = os.path.join(out, "downloads", "plan-en.pdf")
            pages = []
            for n in range(1, 200):
                t = run(["pdftotext", "-f", str(n), "-l", str(n), pdf, "-"])
                if t.returncode != 0:
                    break
                pages.append(t.stdout.decode())
            found = sorted({int(m) for p in pages for m in re.findall(r"S(\d{3})", p)})
            on = [n + 1 for n, p in enumerate(pages) if "S0" in p]
            ok(r.returncode == 0 and found == list(range(1, 41)) and len(on) >= 2,
               f"long cell ({content}): all 40 sentences of a cell longer than a page are printed, "
               f"over pages {on}", f"missing {sorted(set(range(1, 41)) - set(found))}" + r.stderr.decode()[-1000:])
            problems, counts = tagged.check(pdf) if os.path.exists(pdf) else (["no booklet"], {})
            ok(not problems, f"long cell ({content}): the booklet's structure and PDF/UA-1 rules hold",
               "\n".join(problems[:5]))


def suite_row_headers(plangen):
    """tables.yaml's `header: true` makes a column's cells head their rows, on the site (th
    scope=row) and in the booklet (TH /Scope /Row), in both plans: Koriyama's roster by its
    names, plan2's first table by its third column in a copy."""
    import tagged
    import yaml
    for plan, table, col, edit in (("content", "roster", 2, False), ("tests/plan2", "related-plans", 2, True)):
        with tempfile.TemporaryDirectory() as tmp:
            copy, path, text = plan_copy(plan, tmp, "tables.yaml")
            data = yaml.safe_load(text)
            t = next(x for x in data["tables"] if x["id"] == table)
            if edit:
                title = t["columns"][col]["title"]["ja"]
                at = text.index(title, text.index("id: " + table))
                end = text.index("}}", at) + 1
                open(path, "w", encoding="utf-8").write(text[:end] + ", header: true" + text[end:])
            # The names wanted: the column's cells, where no span of the row covers them.
            want = []
            for row in t["rows"]:
                c = 0
                for cell in row:
                    if c == col:
                        want.append(cell["ja"] if isinstance(cell, dict) else str(cell))
                    c += cell.get("span", 1) if isinstance(cell, dict) else 1
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", copy, "--output", out])
            got = []
            for name in sorted(os.listdir(out)):
                if name.endswith(".html"):
                    html = open(os.path.join(out, name), encoding="utf-8").read()
                    at = html.find(t["caption"]["ja"])
                    if at >= 0 and "<table" in html[:at]:
                        block = html[at:html.index("</table>", at)]
                        got = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r'<th scope="row"[^>]*>(.*?)</th>', block)]
                        tag = html[html.rindex("<table", 0, at):html.index(">", html.rindex("<table", 0, at))]
                        labels = re.findall(r'<td data-label="([^"]*)"', block)
                        tds = block.count("<td")
                        break
            ok(r.returncode == 0 and got == want and want, f"row headers ({plan}): the site's row headers of {table} "
               f"are its column {col + 1}", f"want {want}\ngot {got}" + r.stderr.decode()[-500:])
            # Four columns or more, no span: a card per row on a phone, each cell saying its column.
            cards = len(t["columns"]) >= 4 and not any(isinstance(c, dict) and "span" in c for row in t["rows"]
                                                          for c in row)
            titles = [c["title"]["ja"] if isinstance(c["title"], dict) else c["title"] for c in t["columns"]]
            ok(got and ("stack" in tag) == cards and (not cards or (len(labels) == tds and set(labels) ==
                                                                   set(titles) - {titles[col]})),
               f"row headers ({plan}): {table} is {'' if cards else 'not '}a card per row on a narrow screen",
               f"{tag}\n{sorted(set(labels))}")
            pdf = os.path.join(out, "downloads", "plan-ja.pdf")
            text = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
            problems, _ = tagged.check(pdf) if os.path.exists(pdf) else (["no booklet"], {})
            ok(not problems and all(w in text for w in want),
               f"row headers ({plan}): the booklet's tree holds them and PDF/UA-1's rules hold", "\n".join(problems[:5]))


def suite_cards(plangen):
    """On a phone the plan's wide tables read as cards, not as a table to scroll
    sideways: the revision list and the open data's item definition carry class
    "stack", every body cell says its column (data-label), and a header over
    several columns (an indicator set) is named once, at its first column, since
    a card shows its cells in the columns' order.  Both plans (tests/plan2 has
    one indicator set, so no revision list)."""
    for plan, kinds in (("content", ("revisions", "items")), ("tests/plan2", ("items",))):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", plan, "--output", out])
            found = {k: 0 for k in kinds}
            for name in sorted(os.listdir(out)):
                if not name.endswith(".html"):
                    continue
                html = open(os.path.join(out, name), encoding="utf-8").read()
                for m in re.finditer(r'<table class="(revisions|items)([^"]*)">(.*?)</table>', html, re.S):
                    kind, cls, block = m.group(1), m.group(2), m.group(3)
                    found[kind] = found.get(kind, 0) + 1
                    head, body = block.split("</thead>", 1) if "</thead>" in block else ("", block)
                    tds = re.findall(r"<td([^>]*)>", body)
                    unlabelled = [a for a in tds if "data-label=" not in a]
                    # Each colgroup header's words in the labels of its first column only.
                    groups = [re.sub(r"<[^>]+>", "", g) for g in re.findall(r'<th colspan="\d+" scope="colgroup"[^>]*>(.*?)</th>', head)]
                    rows = [re.findall(r'data-label="([^"]*)"', tr) for tr in re.findall(r"<tr>(.*?)</tr>", body)]
                    full = [lab for lab in rows if lab and len(lab) == max(len(x) for x in rows)]
                    wrong = [(g, lab) for g in groups for lab in full[:1] if sum(g in x for x in lab) != 1]
                    ok(r.returncode == 0 and cls == " stack" and tds and not unlabelled and not wrong,
                       f"cards ({plan}): {name}: the {kind} table is a card per row on a phone, each cell named once",
                       f"class {kind}{cls}; {len(unlabelled)} of {len(tds)} cells without a label; {wrong[:2]}")
                    if kind == "revisions":
                        ok(len(groups) == 2, f"cards ({plan}): {name}: the revision list heads its two sets",
                           str(groups))
            ok(r.returncode == 0 and all(found.values()), f"cards ({plan}): the pages hold the tables {kinds}",
               f"{found}" + r.stderr.decode()[-500:])


def suite_figure_data(plangen):
    """Every chart of figures.yaml that has data shows its numbers in a table
    beside it on the site (its own text is small on a phone), in both plans:
    a row per category, a column per series, every value there."""
    import yaml
    for plan in ("content", "tests/plan2"):
        figures = yaml.safe_load(open(os.path.join(plan, "figures.yaml"), encoding="utf-8"))["figures"]
        charts = [f for f in figures if f.get("kind") == "chart" and isinstance(f.get("data"), dict)]
        with tempfile.TemporaryDirectory() as tmp:
            r = run([plangen, "build", "--content", plan, "--output", tmp])
            pages = "".join(open(os.path.join(tmp, n), encoding="utf-8").read()
                            for n in sorted(os.listdir(tmp)) if n.endswith(".html"))
            for f in charts:
                at = pages.find(f'id="fig-{f["id"]}"')
                block = pages[at:pages.find("</figure>", at)] if at >= 0 else ""
                cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", block)]
                want = [str(c) if not isinstance(c, dict) else c["ja"] for c in f["data"]["categories"]]
                want += [f"{v:,}" if isinstance(v, int) else f"{v:,.{len(str(v).split('.')[1])}f}"
                         for ser in f["data"]["series"] for v in ser["values"]]
                missing = [w for w in want if not any(w in c for c in cells)]
                ok(r.returncode == 0 and 'class="chart-data"' in block and not missing,
                   f"figure data ({plan}): {f['id']} has its numbers in a table", f"missing {missing[:5]}")


def suite_install():
    """make install PREFIX=DIR: the installed program finds its theme from any folder (here /)
    and builds a plan; its man page is installed."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, "prefix")
        r = run(["make", "-s", "install", f"PREFIX={prefix}"])
        ok(r.returncode == 0, "install: make install PREFIX=DIR", r.stdout.decode()[-2000:] + r.stderr.decode()[-2000:])
        ok(os.path.isfile(os.path.join(prefix, "share/man/man1/plangen.1"))
           and os.path.isfile(os.path.join(prefix, "share/plangen/themes/default/print.yaml")),
           "install: the man page and the default theme are installed")
        for content in ("content", "tests/plan2"):
            out = os.path.join(tmp, "out-" + os.path.basename(content))
            r = subprocess.run([os.path.join(prefix, "bin/plangen"), "build", "--content", os.path.abspath(content),
                                "--output", out], cwd="/", capture_output=True, timeout=300)
            ok(r.returncode == 0 and os.path.isfile(os.path.join(out, "index.html"))
               and any(n.endswith(".pdf") for n in os.listdir(os.path.join(out, "downloads"))),
               f"install: the installed plangen builds {content} from /", r.stderr.decode()[-2000:])
        env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
        r = subprocess.run([os.path.join(prefix, "bin/plangen"), "check", "--content", os.path.join(tmp, "none")],
                           cwd="/", capture_output=True, timeout=60, env=env)
        ok(r.returncode == 2 and "を開けません" in r.stderr.decode(),
           "install: the installed plangen finds its translations (a Japanese message)", r.stderr.decode()[-1000:])


def suite_serve(plangen):
    """plangen serve end to end: it builds and serves a copy of each fixture plan on 127.0.0.1,
    a saved change to a chapter is served within 2 s, a broken file shows its path:line:col
    in the status the pages poll while the last good output stays served, a good build's
    warnings show folded at the foot of the page (in Chromium), nothing outside the output
    folder is served, and SIGTERM stops it."""
    import http.client, socket, signal
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            content = os.path.join(tmp, "content")
            shutil.copytree(plan, content)
            with socket.socket() as sk:
                sk.bind(("127.0.0.1", 0))
                port = sk.getsockname()[1]
            log = open(os.path.join(tmp, "log"), "wb")
            proc = subprocess.Popen([plangen, "serve", "--content", content, "--output", os.path.join(tmp, "out"),
                                     "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)

            def get(path):
                try:
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    c.request("GET", path)
                    r = c.getresponse()
                    return r.status, r.read().decode("utf-8", "replace")
                except OSError:
                    return None, ""

            def until(cond, seconds):
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    if cond():
                        return True
                    time.sleep(0.05)
                return False

            def status():
                code, body = get("/__plangen/status")
                return json.loads(body) if code == 200 else {}

            try:
                label = f"serve ({plan})"
                ok(until(lambda: status().get("ok") is True, 60), f"{label}: the first build is served")
                code, home = get("/")
                ok(code == 200 and '<script src="/__plangen/reload.js"></script></body>' in home,
                   f"{label}: the home page loads the reload script", home[-300:])
                code, js = get("/__plangen/reload.js")
                ok(code == 200 and "location.reload()" in js, f"{label}: the reload script is served")
                code, _ = get("/../" + os.path.basename(tmp) + "/log")
                ok(code == 404, f"{label}: a path out of the output folder is not served", str(code))
                chapters = os.path.join(content, "ja", "chapters")
                name = sorted(os.listdir(chapters))[0]
                word = "プレビュー確認語"
                with open(os.path.join(chapters, name), "a", encoding="utf-8") as f:
                    f.write(f"\n{word}。\n")
                t0 = time.monotonic()
                seen = until(lambda: word in get(f"/{name[:-3]}.html")[1], 10)
                took = time.monotonic() - t0
                ok(seen and took <= 2.0, f"{label}: a saved chapter is served within 2 s ({took:.2f} s)")
                before = status().get("version")
                with open(os.path.join(content, "plan.yaml"), "a", encoding="utf-8") as f:
                    f.write("broken: [\n")
                ok(until(lambda: status().get("version") != before and status().get("ok") is False, 10)
                   and re.search(r"plan\.yaml:\d+:\d+: ", status().get("log", "")),
                   f"{label}: a broken file's path:line:col reaches the browser", json.dumps(status())[:500])
                code, page = get(f"/{name[:-3]}.html")
                ok(code == 200 and word in page, f"{label}: the last good output stays served")
                # Mended, with a warning left: the page reloads and folds the build's messages
                # at its foot, summed up by the count line, the warning's place in them.
                text = open(os.path.join(content, "plan.yaml"), encoding="utf-8").read()
                open(os.path.join(content, "plan.yaml"), "w", encoding="utf-8").write(text.replace("broken: [\n", ""))
                with open(os.path.join(chapters, name), "a", encoding="utf-8") as f:
                    f.write("\n＃ 全角の見出し\n")
                ok(until(lambda: status().get("ok") is True, 10), f"{label}: the mended content builds again")
                r = run(["node", "tests/web/preview.js", f"http://127.0.0.1:{port}/{name[:-3]}.html",
                         f"{name}:"])
                ok(r.returncode == 0 and "0 errors, 1 warning" in r.stdout.decode().split("\n")[0],
                   f"{label}: a good build's warning shows, folded, at the foot of the previewed page",
                   r.stdout.decode()[-1500:] + r.stderr.decode()[-1500:])
            finally:
                proc.send_signal(signal.SIGTERM)
                try:
                    rc = proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    rc = None
                log.close()
            ok(rc == 0, f"{label}: SIGTERM stops it", open(os.path.join(tmp, "log"), encoding="utf-8", errors="replace").read()[-2000:])


def suite_messages(plangen):
    """Every message exists in English (the code) and in Japanese (po/ja.po): the template of
    all messages extracted from src/ (make build/plangen.pot) has a translation of each, with
    the same printf conversions. A number written as a word in each fixture plan gets a
    Japanese message at its path:line:col, the plan's language; --lang en gives the English one."""
    r = run(["make", "-s", "build/plangen.pot"])
    ok(r.returncode == 0, "messages: the template of the messages is extracted", r.stderr.decode()[-2000:])
    r = run(["msgcmp", "po/ja.po", "build/plangen.pot"])
    ok(r.returncode == 0, "messages: every message of src/ has a Japanese translation (msgcmp)",
       r.stderr.decode()[-3000:])
    r = run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", "po/ja.po"])
    stats = r.stderr.decode()
    ok(r.returncode == 0 and "untranslated" not in stats and "fuzzy" not in stats,
       "messages: po/ja.po is complete and its formats match the English ones", stats[-2000:])
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            content, path, text = plan_copy(plan, tmp, "indicators.yaml")
            m = re.search(r"^( +)current: (\{value: )?[\d.]+", text, re.M)
            broken = text[:m.start()] + m.group(1) + "current: " + (m.group(2) or "") + "two" + text[m.end():]
            open(path, "w", encoding="utf-8").write(broken)
            line = text[:m.start()].count("\n") + 1
            col = len(m.group(1)) + len("current: ") + len(m.group(2) or "") + 1
            where = f"{content}/indicators.yaml:{line}:{col}: "
            r = subprocess.run([plangen, "check", "--content", content], capture_output=True, env=env, timeout=60)
            err = r.stderr.decode()
            first = err.split("\n")[0]
            ok(r.returncode == 1 and first.startswith(where + "エラー: ") and re.search(r"[ぁ-んァ-ン]", first)
               and "= ヒント: " in err, f"messages: a number written as a word in {plan} is reported in Japanese "
               "at its place", err[-1500:])
            r = subprocess.run([plangen, "check", "--content", content, "--lang", "en"], capture_output=True, env=env,
                               timeout=60)
            err = r.stderr.decode()
            ok(r.returncode == 1 and err.startswith(where + "error: ") and "should be a number" in err.split("\n")[0],
               f"messages: --lang en gives it in English ({plan})", err[-1500:])
    # The messages name the plan's parts in its own words (words.yaml, else the theme's):
    # po/ja.po writes {measure}, {current} … where the English has no such braces.
    import yaml
    terms = ("basic_goal", "policy", "measure", "baseline", "current", "target", "actions")
    po = open("po/ja.po", encoding="utf-8").read()
    literal = [mid for mid, mstr in re.findall(r'\nmsgid "(.*)"\nmsgstr "(.*)"', po)
               if any("{%s}" % t in mid for t in terms)]
    used = sum(("{%s}" % t) in po for t in terms)
    ok(not literal and used == len(terms), "messages: the Japanese messages write every part of the plan as "
       "{term}, never where the English text has those braces", f"{literal} {used}")
    theme = yaml.safe_load(open("themes/default/words.yaml", encoding="utf-8"))
    for plan in ("content", "tests/plan2"):
        own = yaml.safe_load(open(os.path.join(plan, "words.yaml"), encoding="utf-8")) or {}
        word = {k: (own.get(k) or theme[k])["ja"] for k in terms}
        with tempfile.TemporaryDirectory() as tmp:
            content, path, text = plan_copy(plan, tmp, "indicators.yaml")
            r = subprocess.run([plangen, "check", "--content", content], capture_output=True, env=env, timeout=60)
            out = r.stdout.decode() + r.stderr.decode()
            ok(r.returncode == 0 and re.search(r"^%s \d+、%s \d+、" % (word["policy"], word["measure"]), out, re.M),
               f"messages: check counts the parts of {plan} in its words ({word['policy']}, {word['measure']})",
               out[-1000:])
            m = re.search(r"years: \{baseline: ([^,]+),", text)
            open(path, "w", encoding="utf-8").write(text[:m.start(1)] + "2099" + text[m.end(1):])
            r = subprocess.run([plangen, "check", "--content", content], capture_output=True, env=env, timeout=60)
            err = r.stderr.decode()
            ok(r.returncode == 1 and word["baseline"] + "の年度（2099）" in err.split("\n")[0] and
               all(word[k] in err.split("ヒント: ")[-1] for k in ("baseline", "current", "target")),
               f"messages: a year out of order in {plan} is told in its words ({word['baseline']}, "
               f"{word['current']}, {word['target']})", err[-1500:])


def rename_ids(tree, names, after_dash=True):
    """Writes each id of `names` (old: new) as its new one in every YAML and Markdown file
    of tree, as a whole word (after a - too: measure-m1.html, unless not after_dash), and
    renames the texts' files named after them; two ids may be swapped."""
    word = re.compile(r"(?<!%s)(%s)(?![\w-])" % (r"\w" if after_dash else r"[\w-]",
                                                  "|".join(re.escape(k) for k in names)))
    for dirpath, _, files in os.walk(tree):
        for f in files:
            path = os.path.join(dirpath, f)
            if f.endswith((".yaml", ".md")):
                text = open(path, encoding="utf-8").read()
                open(path, "w", encoding="utf-8").write(word.sub(lambda m: names[m.group(1)], text))
        moved = [f for f in files if f.endswith(".md") and f[:-3] in names]
        for f in moved:
            os.rename(os.path.join(dirpath, f), os.path.join(dirpath, f + ".renaming"))
        for f in moved:
            os.rename(os.path.join(dirpath, f + ".renaming"), os.path.join(dirpath, names[f[:-3]] + ".md"))


def suite_diff(plangen):
    """plangen diff on each fixture plan: one value changed and a chapter edited are what it
    reports (text and CSV); a content folder against its own published indicators.json has
    no difference; the report is in the plan's language by default."""
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            old, new = os.path.join(tmp, "old"), os.path.join(tmp, "new")
            shutil.copytree(plan, old)
            shutil.copytree(plan, new)
            path = os.path.join(new, "indicators.yaml")
            text = open(path, encoding="utf-8").read()
            m = re.search(r"^  - id: (\S+)\n(?:    .*\n)*?    current: (\d+(?:\.\d+)?)\n", text, re.M)
            ident, value = m.group(1), m.group(2)
            changed = str(int(float(value)) + 7)
            start = m.end() - len(value) - 1
            open(path, "w", encoding="utf-8").write(text[:start] + changed + text[m.end() - 1:])
            chapters = os.path.join(new, "ja", "chapters")
            chapter = sorted(os.listdir(chapters))[0]
            with open(os.path.join(chapters, chapter), "a", encoding="utf-8") as f:
                f.write("\n追記。\n")
            label = f"diff ({plan})"
            r = run([plangen, "diff", old, new, "--lang", "en"])
            out = r.stdout.decode()
            ok(r.returncode == 0 and re.search(rf"^changed: {re.escape(ident)} .*\n    .*: {re.escape(value)} → {changed}$",
                                               out, re.M)
               and f"changed: ja/chapters/{chapter}" in out
               and out.rstrip().endswith("0 indicators added, 0 removed, 1 changed; 1 texts changed"),
               f"{label}: the changed value and the edited chapter are reported", out[-2000:] + r.stderr.decode()[-1000:])
            r = run([plangen, "diff", old, new, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            # with a BOM, which Excel needs to read UTF-8, as the open data's CSVs
            ok(r.returncode == 0 and r.stdout.startswith(b"\xef\xbb\xbf") and rows[0] == ["kind", "id", "part", "item", "old", "new"]
               and ["indicator", ident, "1", "current_value", value, changed] in rows
               and ["text", f"ja/chapters/{chapter}", "", "changed", "", ""] in rows
               and all(r[:2] == ["indicator", ident] and r[3] in ("current_value", "status") for r in rows[1:]
                       if r[0] != "text") and sum(r[0] == "text" for r in rows) == 1,
               f"{label}: --format csv gives the same as rows", r.stdout.decode()[-1500:])
            out_dir = os.path.join(tmp, "out")
            r = run([plangen, "build", "--content", old, "--output", out_dir])
            r = run([plangen, "diff", os.path.join(out_dir, "downloads", "indicators.json"), old, "--lang", "en"])
            ok(r.returncode == 0 and r.stdout.decode().strip() == "0 indicators added, 0 removed, 0 changed; 0 texts changed",
               f"{label}: a content folder and its published indicators.json do not differ", r.stdout.decode()[-1500:])
            # A set's current year moved, its values not: each such value is a warning.
            relabel = os.path.join(tmp, "relabel")
            shutil.copytree(old, relabel)
            path = os.path.join(relabel, "indicators.yaml")
            text = open(path, encoding="utf-8").read()
            m = re.search(r"years: \{baseline: ([^,]+), current: ([^,]+),", text)
            moved = text[:m.start(2)] + str(plan_content.year(m.group(2)) + 1) + text[m.end(2):]
            open(path, "w", encoding="utf-8").write(moved)
            r = run([plangen, "diff", old, relabel, "--lang", "en"])
            out = r.stdout.decode()
            ok(r.returncode == 0 and "warning: the year changed but not the value" in out
               and re.search(r"^\d+ values? ha(s|ve) a new year but the same number", out, re.M),
               f"{label}: a year moved without a new value is a warning", out[-1500:])
            # The first policy's two first measures swapped: their indicators are renumbered.
            swap = os.path.join(tmp, "swap")
            shutil.copytree(old, swap)
            path = os.path.join(swap, "structure.yaml")
            text = open(path, encoding="utf-8").read()
            first = re.search(r"^(\s+)measures:\n", text, re.M)
            items = list(re.finditer(r"^%s  - id: (\S+)\n" % first.group(1), text[first.end():], re.M))
            a, b = first.end() + items[0].start(), first.end() + items[1].start()
            c = first.end() + items[2].start() if len(items) > 2 else len(text)
            end = re.search(r"^ {0,%d}\S" % len(first.group(1)), text[b:c], re.M)  # the policy's end
            c = b + end.start() if end else c
            open(path, "w", encoding="utf-8").write(text[:a] + text[b:c] + text[a:b] + text[c:])
            r = run([plangen, "diff", old, swap, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            moved = {row[1] for row in rows if row[0] == "indicator" and row[3] == "measure_number"}
            inds = plan_content.read_yaml(os.path.join(old, "indicators.yaml"))["indicators"]
            want = {i["id"] for i in inds if i.get("measure") in (items[0].group(1), items[1].group(1))}
            ok(r.returncode == 0 and moved and moved == want,
               f"{label}: measures swapped renumber their indicators, and the diff says so", f"{moved} {want}")
            # A section renamed (under the same id): each place the new edition still writes its
            # old name is listed, but not the new name that contains the old one.
            renamed = os.path.join(tmp, "renamed")
            shutil.copytree(old, renamed)
            texts = {}
            for dirpath, _, files in os.walk(renamed):
                for f in files:
                    if f.endswith((".yaml", ".md")) and not f.startswith("README"):
                        rel = os.path.relpath(os.path.join(dirpath, f), renamed)
                        texts[rel] = open(os.path.join(dirpath, f), encoding="utf-8").read()
            org = plan_content.read_yaml(os.path.join(old, "organization.yaml"))
            names = [u["name"]["ja"] for u in org["sections"]]
            was = max(names, key=lambda n: sum(t.count(n) for t in texts.values()))
            now = "新" + was
            path = os.path.join(renamed, "organization.yaml")
            texts["organization.yaml"] = texts["organization.yaml"].replace(f"ja: {was},", f"ja: {now},", 1)
            open(path, "w", encoding="utf-8").write(texts["organization.yaml"])
            want = sorted(f"{rel}:{t[:m.start()].count(chr(10)) + 1}" for rel, t in texts.items()
                          for m in re.finditer(re.escape(was), t) if t[m.start() - 1:m.start()] != "新")
            r = run([plangen, "diff", old, renamed, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            got = sorted(row[3] for row in rows if row[0] == "old_name" and row[4] == was)
            ok(r.returncode == 0 and ["renamed"] == [row[0] for row in rows if row[0] == "renamed"] and want and got == want,
               f"{label}: a renamed section, and where its old name is still written", f"{got} {want}")
            r = run([plangen, "diff", old, renamed, "--lang", "en"])
            ok(f"renamed: {was} → {now}" in r.stdout.decode()
               and re.search(r"^%d places? still writes? an old name" % len(want), r.stdout.decode(), re.M),
               f"{label}: the renamed section told in words", r.stdout.decode()[-1500:])
            # The structure: a measure moved to another policy (the first of a policy that has
            # more), told once with both policies, and each measure whose number changes (CSV).
            moved = os.path.join(tmp, "moved")
            shutil.copytree(old, moved)
            pols = plan_content.read_yaml(os.path.join(old, "structure.yaml"))["policies"]
            a = next(p for p in pols if len(p["measures"]) > 1)
            b = next(p for p in pols if p is not a)
            mid = a["measures"][0]["id"]
            path = os.path.join(moved, "structure.yaml")
            data = open(path, encoding="utf-8").read()
            measure = r"^      - id: %s\n(?:        .*\n|[ \t]*\n)*"
            block = re.search(measure % re.escape(mid), data, re.M)
            data = data[:block.start()] + data[block.end():]
            last = re.search(measure % re.escape(b["measures"][-1]["id"]), data, re.M)
            data = data[:last.end()] + block.group(0) + data[last.end():]
            open(path, "w", encoding="utf-8").write(data)
            def numbers(policies):
                ids = [m["id"] for p in policies for m in p["measures"]]
                return {m: i + 1 for i, m in enumerate(ids)}
            was_n, now_n = numbers(pols), numbers(plan_content.read_yaml(path)["policies"])
            want = sorted(m for m in was_n if was_n[m] != now_n[m])
            r = run([plangen, "diff", old, moved, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            got = sorted(row[1] for row in rows if row[0] == "measure" and row[3] == "number")
            ok(r.returncode == 0 and [row[4:] for row in rows if row[:4] == ["measure", mid, "", "policy"]] == [[a["id"], b["id"]]]
               and got == want, f"{label}: a measure moved to another policy, and the measures renumbered",
               f"{got} {want} " + r.stdout.decode()[-800:] + r.stderr.decode()[-800:])
            # A measure's id changed, its title not (everywhere it is written, its
            # text's file renamed): one measure under a new id, not one removed and
            # one added, and its page's new address.
            reid = os.path.join(tmp, "reid")
            shutil.copytree(old, reid)
            mid = pols[-1]["measures"][-1]["id"]
            rename_ids(reid, {mid: mid + "-new"})
            r = run([plangen, "diff", old, reid, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            parts = [row for row in rows if row[0] == "measure"]
            moves = [row for row in rows if row[0] == "text" and row[3] in ("renamed", "added", "removed")]
            want = [["text", f"{lang}/measures/{mid}-new.md", "", "renamed", f"{lang}/measures/{mid}.md",
                     f"{lang}/measures/{mid}-new.md"] for lang in ("ja", "en")]
            ok(r.returncode == 0 and parts == [["measure", mid + "-new", "", "id", mid, mid + "-new"]] and moves == want,
               f"{label}: a measure's new id is told as such, not as a measure removed and one added",
               f"{parts} " + r.stdout.decode()[-800:] + r.stderr.decode()[-800:])
            r = run([plangen, "diff", old, reid, "--lang", "en"])
            ok(r.returncode == 0 and f"its page is now measure-{mid}-new.html" in r.stdout.decode()
               and "removed:" not in r.stdout.decode(), f"{label}: the new id in words", r.stdout.decode()[-1500:])
            # An indicator's id changed everywhere (its name not): told as a new id, its
            # records not as added and removed.
            reind = os.path.join(tmp, "reind")
            shutil.copytree(old, reind)
            rename_ids(reind, {ident: ident + "-new"}, after_dash=False)
            r = run([plangen, "diff", old, reind, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            got = [row for row in rows if row[0] == "indicator"]
            ok(r.returncode == 0 and got and all(row[1] == ident + "-new" for row in got)
               and ["id", ident, ident + "-new"] in [row[3:] for row in got]
               and not [row for row in got if row[3] in ("added", "removed")],
               f"{label}: an indicator's new id is told as such, not as records added and removed",
               f"{got} " + r.stderr.decode()[-800:])
            # the same between the published indicators.json files, which have no plan
            reind_out = os.path.join(tmp, "reind-out")
            run([plangen, "build", "--content", reind, "--output", reind_out])
            r = run([plangen, "diff", os.path.join(out_dir, "downloads", "indicators.json"),
                     os.path.join(reind_out, "downloads", "indicators.json"), "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            ok(r.returncode == 0 and ["id", ident, ident + "-new"] in [row[3:] for row in rows]
               and not [row for row in rows if row[3:4] in (["added"], ["removed"])],
               f"{label}: an indicator's new id between two published indicators.json",
               r.stdout.decode()[-800:] + r.stderr.decode()[-800:])
            # A policy's id changed everywhere: its measures have not moved.
            repol = os.path.join(tmp, "repol")
            shutil.copytree(old, repol)
            pid = pols[-1]["id"]
            rename_ids(repol, {pid: pid + "-new"})
            r = run([plangen, "diff", old, repol, "--lang", "en"])
            out = r.stdout.decode()
            ok(r.returncode == 0 and f"its page is now policy-{pid}-new.html" in out and "moved:" not in out,
               f"{label}: a policy's new id, its measures not told moved", out[-1500:] + r.stderr.decode()[-800:])
            # A measure inserted before the first one, the others' ids renumbered after it (m1
            # becomes m2 …) as staff who number their ids do: one measure added, the others
            # under new ids, their texts renamed; none moved, retitled or removed.
            inserted = os.path.join(tmp, "inserted")
            shutil.copytree(old, inserted)
            mids = [mm["id"] for pp in pols for mm in pp["measures"]]
            # (each takes the id of the one after it, the last a new one; the new one the first's)
            fresh = {m: (mids[i + 1] if i + 1 < len(mids) else m + "-n") for i, m in enumerate(mids)}
            rename_ids(inserted, fresh)
            path = os.path.join(inserted, "structure.yaml")
            data = open(path, encoding="utf-8").read()
            first = re.search(r"^(\s+)- id: %s\n" % re.escape(fresh[mids[0]]), data, re.M)
            pad = first.group(1)
            data = (data[:first.start()] + f"{pad}- id: {mids[0]}\n{pad}  title: {{ja: 新しい施策の方向, en: A new direction}}\n"
                    + data[first.start():])
            open(path, "w", encoding="utf-8").write(data)
            for lang, text in (("ja", "新しい施策です。\n"), ("en", "A new measure.\n")):
                open(os.path.join(inserted, lang, "measures", mids[0] + ".md"), "w", encoding="utf-8").write(text)
            r = run([plangen, "diff", old, inserted, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            parts = [row for row in rows if row[0] == "measure"]
            ids = sorted(row[4:] for row in parts if row[3] == "id")
            ok(r.returncode == 0 and ["measure", mids[0], "", "added", "", parts[0][5] if parts else ""] in parts
               and ids == sorted([m, fresh[m]] for m in mids)
               and not [row for row in parts if row[3] in ("removed", "policy") or row[3].startswith("title")],
               f"{label}: a measure inserted, the others' ids renumbered: one added, the others under new ids",
               f"{parts} " + r.stderr.decode()[-800:])
            # The ids of two measures swapped everywhere: their titles are told renamed, but the
            # places that write each title are right (the other measure's) and are not listed.
            swapped = os.path.join(tmp, "swapped")
            shutil.copytree(old, swapped)
            a, b = pols[-1]["measures"][-1]["id"], pols[0]["measures"][0]["id"]
            rename_ids(swapped, {a: b, b: a})
            r = run([plangen, "diff", old, swapped, "--lang", "en"])
            out = r.stdout.decode()
            ok(r.returncode == 0 and out.count("renamed: ") >= 2 and "still write" not in out and "still written" not in out,
               f"{label}: two measures' ids swapped: the titles each now has are not told as old names", out[-1500:])
            # A section's heading reworded: its address (the id the old site gave it) is told
            # changed, with the new one.
            reworded = os.path.join(tmp, "reworded")
            shutil.copytree(old, reworded)
            path = os.path.join(reworded, "ja", "chapters", chapter)
            text = open(path, encoding="utf-8").read()
            m = re.search(r"^## (.+)$", text, re.M)
            open(path, "w", encoding="utf-8").write(text[:m.end()] + "\uff08\u6539\uff09" + text[m.end():])
            page = open(os.path.join(out_dir, chapter[:-3] + ".html"), encoding="utf-8").read()
            h = re.search(r'<h2 id="([^"]+)">' + re.escape(m.group(1).strip()) + "</h2>", page)
            r = run([plangen, "diff", old, reworded, "--format", "csv"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            got = [row for row in rows if row[0] == "section"]
            ok(r.returncode == 0 and h and got == [["section", chapter[:-3] + ".html", "", "changed", "#" + h.group(1),
                                                     "#" + h.group(1) + "-\u6539"]],
               f"{label}: a reworded heading's section address, old and new", f"{got} {h and h.group(1)} {m.group(1)}")
            # Two sections of the same words, the first reworded: the old address of the first
            # now leads to the second, which the diff says, with where the first is now; the
            # second's old address (-1) is told changed.
            def section_rows(name, old_tail, new_tail):
                """diff's section rows between two copies of old, chapter given each tail."""
                trees = [os.path.join(tmp, f"{name}-old"), os.path.join(tmp, f"{name}-new")]
                for tree, tail in zip(trees, (old_tail, new_tail)):
                    shutil.copytree(old, tree)
                    with open(os.path.join(tree, "ja", "chapters", chapter), "a", encoding="utf-8") as f:
                        f.write(tail)
                r = run([plangen, "diff"] + trees + ["--format", "csv"])
                rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
                return r.returncode, [row for row in rows if row[0] == "section"]
            code, got = section_rows("twice", "\n## 重複する節\n\n一つ目。\n\n## 重複する節\n\n二つ目。\n",
                                     "\n## 言い換えた節\n\n一つ目。\n\n## 重複する節\n\n二つ目。\n")
            page = chapter[:-3] + ".html"
            ok(code == 0 and got == [["section", page, "", "reused", "#重複する節", "#言い換えた節"],
                                     ["section", page, "", "changed", "#重複する節-1", "#重複する節"]],
               f"{label}: a section's old address that leads to another section now", f"{got}")
            # A section put above one of the same heading: the old section is the one that
            # kept its text, so its old address leads to the new section now.
            code, got = section_rows("above", "\n## 重複する節\n\n元からある節の本文。\n",
                                     "\n## 重複する節\n\n新しい節の本文。\n\n## 重複する節\n\n元からある節の本文。\n")
            ok(code == 0 and got == [["section", page, "", "reused", "#重複する節", "#重複する節-1"]],
               f"{label}: a section of the same heading put above one: the old address leads to the new one", f"{got}")
            # The plan's title, in each language, and its period
            retitled = os.path.join(tmp, "retitled")
            shutil.copytree(old, retitled)
            plan_yaml = plan_content.read_yaml(os.path.join(old, "plan.yaml"))
            path = os.path.join(retitled, "plan.yaml")
            data = open(path, encoding="utf-8").read()
            title = plan_yaml["title"]["ja"]
            data = data.replace(title, title + "\uff08\u6539\u8a02\u7248\uff09", 1)
            # (a period in era years is told in the Western years it reads as)
            m = re.search(r"^period: \{from: (.+?), to: (.+?)\}", data, re.M)
            data = data[:m.start()] + "period: {from: 2000, to: 2100}" + data[m.end():]
            open(path, "w", encoding="utf-8").write(data)
            r = run([plangen, "diff", old, retitled, "--format", "csv", "--lang", "en"])
            rows = list(csv.reader(io.StringIO(r.stdout.decode("utf-8-sig"))))
            ok(["plan", "", "", "title_ja", title, title + "\uff08\u6539\u8a02\u7248\uff09"] in rows
               and [row[5] for row in rows if row[:4] == ["plan", "", "", "period"]] == ["2000-2100"],
               f"{label}: the plan's Japanese title and its period, with --lang en", r.stdout.decode()[-800:] + r.stderr.decode()[-800:])
            env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
            r = subprocess.run([plangen, "diff", old, new], capture_output=True, env=env, timeout=120)
            ok(r.returncode == 0 and "変更：" in r.stdout.decode(), f"{label}: in the plan's language by default",
               r.stdout.decode()[-1000:])


def suite_missing_glyph(plangen):
    """A character the fonts lack (in the BMP; beyond it check warns already) is a warning of
    the build at its first place in the content, once (not once per font file that lacks
    it), for each fixture plan."""
    for plan in ("content", "tests/plan2"):
        with tempfile.TemporaryDirectory() as tmp:
            content = os.path.join(tmp, "c")
            shutil.copytree(plan, content)
            chapters = os.path.join(content, "ja", "chapters")
            name = sorted(os.listdir(chapters))[0]
            path = os.path.join(chapters, name)
            text = open(path, encoding="utf-8").read()
            line = text.count("\n") + 2
            open(path, "w", encoding="utf-8").write(text + "\n字\uA981。\n")
            r = run([plangen, "build", "--content", content, "--output", os.path.join(tmp, "out")])
            err = r.stderr.decode()
            ok(r.returncode == 0 and f"{path}:{line}:2: warning: the booklet's font " in err and err.count("(U+A981)") == 1
               and re.search(r"^\d+ errors?, [1-9]\d* warnings?, ", err, re.M),
               f"missing glyph: a character the fonts lack is a warning at its place, counted ({plan})", err[-1500:])
            r = run([plangen, "build", "--strict", "--content", content, "--output", os.path.join(tmp, "out")])
            ok(r.returncode == 1, f"missing glyph: with --strict it is an error of the content, exit 1 ({plan})",
               str(r.returncode) + r.stderr.decode()[-800:])


def suite_values(plangen):
    """Values by year (`values:`): tests/plan2's o-satisfaction gives five years; its chart
    shows each with the target, its data table a row each. content/'s f-attachment gives its two
    years so: the same output as the three-value form it replaces, byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "p2")
        r = run([plangen, "build", "--content", "tests/plan2", "--output", out])
        page = open(os.path.join(out, "2-current-state.html"), encoding="utf-8").read() if r.returncode == 0 else ""
        m = re.search(r'<figure class="chart" id="fig-o-satisfaction">.*?</figure>', page, re.S)
        fig = m.group(0) if m else ""
        alt = re.search(r"<title[^>]*>(.*?)</title>", fig)
        values = re.findall(r"(\d+\.\d)%", alt.group(1)) if alt else []
        ok(values == ["58.4", "59.0", "59.8", "60.5", "61.2", "70.0"],
           "values: a chart shows each year of `values:` and the target (tests/plan2)", str(values) + fig[:300])
        rows = re.findall(r"<tr><th scope=\"row\">", fig)
        ok(len(rows) == 6, "values: its data table has a row per year and the target's", str(len(rows)))
        a, b = os.path.join(tmp, "by-year"), os.path.join(tmp, "three")
        shutil.copytree("content", a)
        shutil.copytree("content", b)
        path = os.path.join(b, "indicators.yaml")
        text = open(path, encoding="utf-8").read()
        three = text.replace("values: {2016: 67.6, 2020: 74.8}", "baseline: 67.6\n    current: 74.8", 1)
        open(path, "w", encoding="utf-8").write(three)
        outs = []
        for c in (a, b):
            o = os.path.join(tmp, "out-" + os.path.basename(c))
            r = run([plangen, "build", "--content", c, "--output", o])
            outs.append(o if r.returncode == 0 else None)
        def tree(o):
            return {os.path.relpath(os.path.join(d, f), o): open(os.path.join(d, f), "rb").read()
                    for d, _, fs in os.walk(o) for f in fs}
        same = all(outs) and three != text and tree(outs[0]) == tree(outs[1])
        ok(same, "values: two years by year give what baseline and current gave (content/ f-attachment)")


def suite_fuzz(fuzz):
    """A short, deterministic pass of the pipeline fuzzer (seed 1, FUZZ_RUNS inputs from
    tests/fuzz-corpus/, each loaded and built under ASan and UBSan), and the reproducers of
    tests/fuzz-crashes/ once each. A crash is kept as build/fuzz-test-crash-*;
    tests/fuzz_input.py unpack turns it into a content folder."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = os.path.join(tmp, "corpus")
        os.mkdir(corpus)
        try:
            r = subprocess.run([fuzz, "-seed=1", f"-runs={FUZZ_RUNS}", "-max_total_time=150", "-max_len=8192",
                                "-timeout=30", "-close_fd_mask=3", "-dict=tests/fuzz_build.dict",
                                "-artifact_prefix=build/fuzz-test-", corpus, "tests/fuzz-corpus"],
                               capture_output=True, timeout=300, env=dict(os.environ, TMPDIR=tmp))
        except subprocess.TimeoutExpired:
            return ok(False, "fuzz: the pipeline fuzzer within 300 s")
        err = r.stderr.decode("utf-8", "replace")
        ok(r.returncode == 0 and re.search(r"^Done \d+ runs", err, re.M),
           f"fuzz: {FUZZ_RUNS} mutated contents through every back-end (tests/fuzz_build.c, seed 1)", err[-5000:])
        # The findings of past runs, each on its first line: none may crash again.
        for name in sorted(os.listdir("tests/fuzz-crashes")):
            path = os.path.join("tests/fuzz-crashes", name)
            r = run([fuzz, "-close_fd_mask=3", path], env=dict(os.environ, TMPDIR=tmp))
            first = open(path, encoding="utf-8", errors="replace").readline().strip()
            ok(r.returncode == 0, f"fuzz: {path} builds", first + "\n" + r.stderr.decode("utf-8", "replace")[-4000:])


def main():
    if sys.argv[1:2] == ["--update-errors"]:
        # Rewrites the expected messages from what PLANGEN prints now: read the
        # diff before committing it.
        head = open("tests/errors.txt", encoding="utf-8").read().split("\n### ")[0]
        cases = suite_errors(sys.argv[2], update=True)
        with open("tests/errors.txt", "w", encoding="utf-8") as f:
            f.write(head)
            for c in cases:
                f.write(f"\n### {c['title']}\n")
                for m in c["moves"]:
                    f.write(" ".join(shlex.quote(w) for w in m) + "\n")
                if c["args"]:
                    f.write("args: " + " ".join(c["args"]) + "\n")
                name = None
                for file, find, repl in c["edits"]:
                    if file != name:
                        f.write(f"file: {file}\n")
                        name = file
                    f.write(f"- {find}\n+ {repl or ''}\n")
                f.write(f"exit: {c['exit']}\n<<<\n{c['expected']}>>>\n")
        return
    bins = sys.argv[1:]
    fuzz = None
    if bins[:1] == ["--fuzz"]:
        fuzz, bins = bins[1], bins[2:]
    suite_faithful()
    suite_generic_source()
    suite_site(bins[0])
    r = run(["build/layout_unit"])
    ok(r.returncode == 0, "pdf: line breaker unit tests", r.stdout.decode()[-2000:] + r.stderr.decode()[-2000:])
    r = subprocess.run([sys.executable, "tests/pdf_test.py", "output", "--plangen", bins[0]], capture_output=True,
                       timeout=600)
    ok(r.returncode == 0, "pdf: the booklets (tests/pdf_test.py)", r.stdout.decode()[-4000:] + r.stderr.decode()[-2000:])
    for content in ("content", "tests/plan2"):
        r = run([sys.executable, "tests/data_test.py", "--self-test", "--content", content, "--plangen", bins[0]])
        ok(r.returncode == 0, f"data: the open-data checks fail on broken files of {content} (self-test)",
           r.stdout.decode()[-3000:] + r.stderr.decode()[-3000:])
    suite_bench(bins[0])
    suite_scale(bins[0])
    suite_long_cell(bins[0])
    suite_repeated_block(bins[0])
    suite_contact(bins[0])
    suite_block_text(bins[0])
    suite_file_links(bins[0])
    suite_repeated_column(bins[0])
    suite_row_headers(bins[0])
    suite_cards(bins[0])
    suite_figure_data(bins[0])
    suite_install()
    suite_serve(bins[0])
    suite_messages(bins[0])
    suite_diff(bins[0])
    suite_values(bins[0])
    suite_missing_glyph(bins[0])
    if fuzz:
        suite_fuzz(fuzz)
    for k in range(0, len(bins), 2):
        plangen, unit = bins[k], bins[k + 1]
        label = "sanitized " if "san" in plangen else ""
        r = run([unit])
        ok(r.returncode == 0 and b" 0 failed" in r.stdout, f"{label}unit tests",
           r.stdout.decode()[-2000:] + r.stderr.decode()[-3000:])
        suite_errors(plangen)
        suite_content(plangen)
        # the sanitized pass samples every fourth mutation: the same code paths, less time
        suite_mutations(plangen, every=1 if not label else 4)
        suite_indentation(plangen)
        suite_build(plangen)
        suite_pathological(plangen)
        suite_site_settings(plangen)
        suite_anchors(plangen)
        suite_base_path(plangen)
        suite_words(plangen)
        suite_plan2(plangen)
        suite_languages(plangen)
        suite_output_safety(plangen)
        suite_input_safety(plangen)
        suite_sitemap(plangen)
        suite_data_formulas(plangen)
        suite_hostile(plangen, self_test=not label)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
