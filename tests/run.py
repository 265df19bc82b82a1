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
  site        tests/web/check.js on a fresh build, and the seed in the Japanese pages
  pdf         tests/layout_unit.c (line breaking) and tests/pdf_test.py on the booklets
  data        tests/data_test.py on the open data, and its self-test
  fuzz        with --fuzz: a short pass of the pipeline fuzz target (tests/fuzz_build.c)
"""
import json, os, re, shutil, subprocess, sys, tempfile

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


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, timeout=60, **kw)


def parse_cases(path):
    """Cases: '### title', then 'file:', 'args:', '-'/'+' pairs, 'exit:', and the
    expected stderr between '<<<' and '>>>'."""
    cases, cur, expect = [], None, None
    for line in open(path, encoding="utf-8").read().split("\n"):
        if expect is not None:
            if line == ">>>":
                cur["expected"] = "\n".join(expect) + "\n" if expect else ""
                expect = None
            else:
                expect.append(line)
        elif line.startswith("### "):
            cur = {"title": line[4:], "edits": [], "args": [], "exit": 1, "file": None}
            cases.append(cur)
        elif line.startswith("file: "):
            cur["file"] = line[6:]
        elif line.startswith("args: "):
            cur["args"] = line[6:].split()
        elif line.startswith("exit: "):
            cur["exit"] = int(line[6:])
        elif line.startswith("- "):
            cur["edits"].append([line[2:], None])
        elif line.startswith("+ ") or line == "+":
            cur["edits"][-1][1] = line[2:]
        elif line == "<<<":
            expect = []
    return cases


def unescape(s):
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1") if "\\" in s else s.encode("utf-8")


def apply_case(case, tmp):
    path = os.path.join(tmp, case["file"])
    data = open(path, "rb").read()
    for find, repl in case["edits"]:
        f = unescape(find)
        if f not in data:
            raise ValueError(f"{case['title']}: '{find}' not in {case['file']}")
        data = data.replace(f, unescape(repl or ""), 1)
    open(path, "wb").write(data)


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


def suite_pathological(plangen):
    """Huge or deeply nested inputs: a clear error or a clean pass, within a time limit."""
    cases = [
        ("glossary.yaml", "terms: " + "[" * 100000 + "]" * 100000, 1),
        ("glossary.yaml", "terms:\n" + "".join(f"  - {{ja: 語{i}, en: term {i}}}\n" for i in range(20000)), 0),
        ("ja/chapters/1-intro.md", "# t\n\n" + "> " * 50000 + "x\n" + "- " * 20000 + "y\n" + "*a" * 50000 + "\n", 0),
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
                # the chapter cases change the data blocks, which is a warning only
                ok(r.returncode == want and "Sanitizer" not in err,
                   f"pathological: {rel} ({len(text)} bytes) exits {want}", f"exit {r.returncode}\n" + err[-1500:])
            except subprocess.TimeoutExpired:
                ok(False, f"pathological: {rel} ({len(text)} bytes) within 20 s")


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
            open(md, "a", encoding="utf-8").write("\n強調は<b>太字</b>です。\n")
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
            if allow:
                ok("強調は<b>太字</b>です。" in page, "site settings: allow_html keeps raw HTML", page[-800:])
            else:
                ok("強調は&lt;b&gt;太字&lt;/b&gt;です。" in page, "site settings: raw HTML is text by default", page[-800:])


def tree(path):
    out = {}
    for d, _, files in os.walk(path):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, path)] = open(p, "rb").read()
    return out


def suite_build(plangen):
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
        ok(r.returncode == 2, "cli: unknown command is exit 2")
        r = run([plangen, "--version"])
        ok(r.returncode == 0 and r.stdout.startswith(b"plangen "), "cli: --version")


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
        out = os.path.join(tmp, "site")
        r = run([plangen, "build", "--output", out])
        if not ok(r.returncode == 0, "site: build", r.stderr.decode()[-2000:]):
            return
        r = subprocess.run(["node", "tests/web/check.js", out], capture_output=True, timeout=900)
        report = r.stdout.decode()
        ok(r.returncode == 0, "site: links, validity, pairs, English, axe", report[-4000:] + r.stderr.decode()[-2000:])
        r = run([sys.executable, "tests/faithful.py", "--text", os.path.join(tmp, "site-ja.txt")])
        ok(r.returncode == 0, "site: the seed is in the Japanese pages", r.stdout.decode()[-3000:])
        # The progress status of every indicator: the same on the site as in the open data.
        records = json.load(open(os.path.join(out, "downloads/indicators.json"), encoding="utf-8"))["records"]
        want = {rec["id"]: (rec["status"], rec["status_ja"]) for rec in records}
        for lang, page in (("ja", "indicators.html"), ("en", "en/indicators.html")):
            text = open(os.path.join(out, page), encoding="utf-8").read()
            got = dict(re.findall(r'<tr id="ind-([^"]+)">.*?<td class="status ([a-z_]+)">', text))
            ok(got.keys() == want.keys(), f"site: every indicator in the {lang} overview", str(set(want) ^ set(got)))
            bad = [i for i in want if got.get(i) != want[i][0]]
            ok(not bad, f"site: statuses in the {lang} overview equal the open data's", str(bad))
        ja = open(os.path.join(out, "indicators.html"), encoding="utf-8").read()
        labels = dict(re.findall(r'<tr id="ind-([^"]+)">.*?<td class="status [a-z_]+">\S+ ([^<]+)<', ja))
        bad = [i for i in want if labels.get(i) != want[i][1]]
        ok(not bad, "site: status labels equal the open data's", str(bad))
        # The PDF's indicator tables: each status (symbol and label) as often as the
        # open data has indicators with it; each summary of progress (指標の進捗) adds
        # one more of every status, in its header.
        text = re.sub(r"\s", "", subprocess.run(["pdftotext", "-raw", os.path.join(out, "downloads/plan-ja.pdf"), "-"],
                                                capture_output=True, text=True).stdout)
        summaries = text.count("指標の進捗（")
        symbols = {"achieved": "◎", "on_track": "○", "behind": "△", "worse": "×", "monitoring": "◇",
                   "no_target": "□", "no_data": "－"}
        counts = {}
        for code, label in want.values():
            counts[(code, label)] = counts.get((code, label), 0) + 1
        bad = [(code, n, text.count(symbols[code] + label) - summaries) for (code, label), n in counts.items()
               if text.count(symbols[code] + label) - summaries != n]
        ok(summaries > 0 and not bad, "pdf: statuses in the booklet's tables equal the open data's", str(bad))


FUZZ_RUNS = 1000


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
                f.write(f"\n### {c['title']}\nfile: {c['file']}\n")
                if c["args"]:
                    f.write("args: " + " ".join(c["args"]) + "\n")
                for find, repl in c["edits"]:
                    f.write(f"- {find}\n+ {repl or ''}\n")
                f.write(f"exit: {c['exit']}\n<<<\n{c['expected']}>>>\n")
        return
    bins = sys.argv[1:]
    fuzz = None
    if bins[:1] == ["--fuzz"]:
        fuzz, bins = bins[1], bins[2:]
    suite_faithful()
    suite_site(bins[0])
    r = run(["build/layout_unit"])
    ok(r.returncode == 0, "pdf: line breaker unit tests", r.stdout.decode()[-2000:] + r.stderr.decode()[-2000:])
    r = subprocess.run([sys.executable, "tests/pdf_test.py", "output", "--plangen", bins[0]], capture_output=True,
                       timeout=600)
    ok(r.returncode == 0, "pdf: the booklets (tests/pdf_test.py)", r.stdout.decode()[-4000:] + r.stderr.decode()[-2000:])
    r = run([sys.executable, "tests/data_test.py", "--self-test", "--plangen", bins[0]])
    ok(r.returncode == 0, "data: the open-data checks fail on broken files (self-test)", r.stdout.decode()[-3000:])
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
        suite_build(plangen)
        suite_pathological(plangen)
        suite_site_settings(plangen)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
