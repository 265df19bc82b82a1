#!/usr/bin/env python3
"""make bench: plangen's speed on plans 1, 10 and 100 times the size of content/.

usage: tests/bench.py [--sizes 1,10,100] [--runs N] [--plangen PLANGEN] [--keep DIR]

For each size N a synthetic plan is generated from content/ (tests/bench.py's gen()): its
policies, measures, priority actions and indicators of both sets N times over under new ids
(policy1-2, m1-2, f-attachment-2 …) with their links (an indicator's measure, a revision's
predecessor), each measure's and policy's text again for each copy, and the chapters placing
every copy (its policy and measure sections, charts and indicator tables) in both languages.
Figures, photos and notes stand once. Then `plangen check` and `plangen build` are timed: the
median of --runs runs (default 5, 3 at 100×) of wall time, and the peak memory of the runs
(/usr/bin/time -v, maximum resident set size).

Where Hugo is installed (Debian's `hugo`), the same pages are built with it for comparison:
the chapters, policies and measures in two languages as Markdown with front matter and the
indicator tables from the same YAML, with a minimal layout (tests/bench.py's hugo_site()).

Prints a table. Not a test of speed: `make test` runs it at 1× once to see that it works.
"""
import copy, os, re, shutil, statistics, subprocess, sys, tempfile, time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONTENT = os.path.join(ROOT, "content")


def suffix(ident, k):
    return ident if k == 1 or ident in ("overall", "all") else f"{ident}-{k}"


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def dump(data, path):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(data, f, allow_unicode=True, sort_keys=False, width=1000)


BLOCK = re.compile(r"^```plangen (chart|indicators|actions|policy|measure) (.*)$", re.M)
WHOLE_BLOCK = re.compile(BLOCK.pattern + r"\n```\n?", re.M)


def shared(m):
    """Whether a data block (a BLOCK match) shows what all copies share: a whole set of
    indicators or the overall ones, which grow with the plan and stand once."""
    kind, words = m.group(1), m.group(2).split()
    if kind == "indicators":
        return len(words) == 1 or words[-1] in ("overall", "all")
    return all(w in ("overall", "all") for w in words)


def renamed_block(m, k):
    """A data block (a BLOCK match) that names a policy, measure or indicator, for copy k: in
    `indicators SET MEASURE` the measure, elsewhere every name."""
    kind, words = m.group(1), m.group(2).split()
    if kind == "indicators":
        words[-1] = suffix(words[-1], k)
    else:
        words = [suffix(w, k) for w in words]
    return f"```plangen {kind} {' '.join(words)}"


def copy_blocks(text, k):
    """The data blocks of a text that name a policy, measure or indicator, for copy k; not the
    shared ones: repeated in every copy, they would make the plan grow as the square of N."""
    return [renamed_block(m, k) + "\n```\n" for m in BLOCK.finditer(text) if not shared(m)]


def replica_text(text, k):
    """A measure's or policy's text for copy k: its data blocks renamed; figures, photos and
    notes (※) left to the original."""
    text = re.sub(r"```plangen figure [^\n]*\n```\n?", "", text)
    text = re.sub(r"\[※\d+\]\(#note-\d+\)", "", text)
    text = "\n".join(l for l in text.split("\n") if not l.startswith("※"))
    return WHOLE_BLOCK.sub(lambda m: "" if shared(m) else renamed_block(m, k) + "\n```\n", text)


def copies(items, n, rename):
    """Each of items n times over, the k-th copy renamed by rename(item, k)."""
    out = []
    for k in range(1, n + 1):
        for item in items:
            item = copy.deepcopy(item)
            rename(item, k)
            out.append(item)
    return out


def rename_policy(p, k):
    p["id"] = suffix(p["id"], k)
    for m in p.get("measures", []):
        m["id"] = suffix(m["id"], k)


def rename_indicator(i, k):
    i["id"] = suffix(i["id"], k)
    if "measure" in i:
        i["measure"] = suffix(i["measure"], k)
    rev = i.get("revision")
    if isinstance(rev, dict) and "from" in rev:
        rev["from"] = [suffix(x, k) for x in rev["from"]] if isinstance(rev["from"], list) else suffix(rev["from"], k)


def gen(n, dst):
    """A plan n times content/ in dst."""
    shutil.copytree(CONTENT, dst)
    st = load(os.path.join(CONTENT, "structure.yaml"))
    st["policies"] = copies(st["policies"], n, rename_policy)
    dump(st, os.path.join(dst, "structure.yaml"))
    ind = load(os.path.join(CONTENT, "indicators.yaml"))
    ind["indicators"] = copies(ind["indicators"], n, rename_indicator)
    dump(ind, os.path.join(dst, "indicators.yaml"))
    for lang in os.listdir(CONTENT):
        d = os.path.join(CONTENT, lang)
        if not os.path.isdir(d):
            continue
        for sub in ("measures", "policies"):
            for name in os.listdir(os.path.join(d, sub)) if os.path.isdir(os.path.join(d, sub)) else []:
                text = open(os.path.join(d, sub, name), encoding="utf-8").read()
                for k in range(2, n + 1):
                    with open(os.path.join(dst, lang, sub, f"{name[:-3]}-{k}.md"), "w", encoding="utf-8") as f:
                        f.write(replica_text(text, k))
        for name in sorted(os.listdir(os.path.join(d, "chapters"))):
            text = open(os.path.join(d, "chapters", name), encoding="utf-8").read()
            extra = [b for k in range(2, n + 1) for b in copy_blocks(text, k)]
            if extra:
                with open(os.path.join(dst, lang, "chapters", name), "a", encoding="utf-8") as f:
                    f.write("\n" + "\n".join(extra))


def timed(cmd, runs):
    """Median wall time and peak memory (MiB) of runs of cmd; None when it fails."""
    times, peak = [], 0
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
        times.append(time.monotonic() - t0)
        if r.returncode != 0:
            print(r.stderr[-2000:], file=sys.stderr)
            return None
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
        peak = max(peak, int(m.group(1)) / 1024 if m else 0)
    return statistics.median(times), peak


def count(content):
    st = load(os.path.join(content, "structure.yaml"))
    ind = load(os.path.join(content, "indicators.yaml"))
    measures = sum(len(p.get("measures", [])) for p in st["policies"])
    return len(st["policies"]), measures, len(ind["indicators"])


def hugo_site(content, dst):
    """The website's pages for Hugo: every chapter, policy and measure in each language as a
    Markdown page, and a page per measure with its indicators' table from indicators.yaml."""
    os.makedirs(os.path.join(dst, "layouts", "_default"))
    open(os.path.join(dst, "config.yaml"), "w").write(
        "baseURL: /\ndisableKinds: [taxonomy, term, RSS, sitemap]\ndefaultContentLanguage: ja\n"
        "languages: {ja: {weight: 1, contentDir: content/ja}, en: {weight: 2, contentDir: content/en}}\n")
    page = ("<!DOCTYPE html><html lang=\"{{ .Lang }}\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
            "</head><body><main><h1>{{ .Title }}</h1>{{ .Content }}"
            "{{ with .Params.indicators }}<table>{{ range . }}<tr><th>{{ .name }}</th><td>{{ .baseline }}</td>"
            "<td>{{ .current }}</td><td>{{ .target }}</td></tr>{{ end }}</table>{{ end }}</main></body></html>")
    for name in ("single.html", "list.html"):
        open(os.path.join(dst, "layouts", "_default", name), "w").write(page)
    open(os.path.join(dst, "layouts", "index.html"), "w").write(page)
    ind = load(os.path.join(content, "indicators.yaml"))["indicators"]
    by_measure = {}
    for i in ind:
        by_measure.setdefault(i.get("measure"), []).append(i)
    for lang in ("ja", "en"):
        out = os.path.join(dst, "content", lang)
        os.makedirs(out)
        for sub in ("chapters", "policies", "measures"):
            d = os.path.join(content, lang, sub)
            for name in sorted(os.listdir(d)) if os.path.isdir(d) else []:
                body = open(os.path.join(d, name), encoding="utf-8").read()
                rows = [{"name": (i["name"].get(lang) if isinstance(i["name"], dict) else i["name"]),
                         "baseline": i.get("baseline"), "current": i.get("current"), "target": i.get("target")}
                        for i in by_measure.get(name[:-3], [])]
                front = yaml.safe_dump({"title": name[:-3], "indicators": rows}, allow_unicode=True)
                with open(os.path.join(out, f"{sub}-{name}"), "w", encoding="utf-8") as f:
                    f.write(f"---\n{front}---\n{body}")


def main():
    args = sys.argv[1:]
    sizes = [int(x) for x in args[args.index("--sizes") + 1].split(",")] if "--sizes" in args else [1, 10, 100]
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else None
    plangen = os.path.abspath(args[args.index("--plangen") + 1]) if "--plangen" in args else \
        os.path.join(ROOT, "build", "plangen")
    keep = args[args.index("--keep") + 1] if "--keep" in args else None
    hugo = shutil.which("hugo")
    print(f"plangen benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores"
          + ("" if hugo else "; Hugo not installed (apt-get install hugo), no comparison"))
    print(f"{'size':>5} {'policies':>8} {'measures':>8} {'indicators':>10} {'check s':>8} {'build s':>8} "
          f"{'peak MiB':>8} {'hugo s':>7} {'build/hugo':>10}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or tmp
        for n in sizes:
            content = os.path.join(base, f"plan-{n}x")
            if os.path.exists(content):
                shutil.rmtree(content)
            gen(n, content)
            r = runs or (3 if n >= 100 else 5)
            out = os.path.join(base, f"out-{n}x")
            check = timed([plangen, "check", "--content", content], r)
            build = timed([plangen, "build", "--content", content, "--output", out], r)
            ok &= check is not None and build is not None
            h = None
            if hugo:
                site = os.path.join(base, f"hugo-{n}x")
                shutil.rmtree(site, ignore_errors=True)
                hugo_site(content, site)
                h = timed([hugo, "--quiet", "-s", site, "-d", os.path.join(site, "public")], r)
            p, m, i = count(content)
            cell = lambda t, k: f"{t[k]:.3f}" if t else "failed"
            print(f"{n:>4}× {p:>8} {m:>8} {i:>10} {cell(check, 0):>8} {cell(build, 0):>8} "
                  f"{(build[1] if build else 0):>8.0f} {(f'{h[0]:.3f}' if h else '-'):>7} "
                  f"{(f'{build[0] / h[0]:.2f}' if h and build else '-'):>10}", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
