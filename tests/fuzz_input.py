#!/usr/bin/env python3
"""Inputs of the pipeline fuzz target (tests/fuzz_build.c).

usage: tests/fuzz_input.py unpack INPUT DIR   a content folder: tests/fixture/ with INPUT applied,
                                              for build/plangen build --content DIR
       tests/fuzz_input.py seeds [PLANGEN]    rewrites tests/fuzz-corpus/ from tests/fixture/ and
                                              the additions below, and tests/fuzz_build.dict; with
                                              PLANGEN, checks that each seed builds without errors

An input is content files one after another, each after a line "@@ NAME" (a fixture file, or
a new {ja,en}/{chapters,policies,measures}/ID.md); "@@ -NAME" removes a fixture file. The rules
are those of apply() and next_sep() in tests/fuzz_build.c.
"""
import os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "tests", "fixture")
CORPUS = os.path.join(ROOT, "tests", "fuzz-corpus")
NEW_MD = re.compile(rb"(ja|en)/(chapters|policies|measures)/[A-Za-z0-9_-]{1,61}\.md")


def fixture_files():
    out = []
    for d, _, files in os.walk(FIXTURE):
        for f in files:
            out.append(os.path.relpath(os.path.join(d, f), FIXTURE))
    return sorted(out)


def split(data):
    """The (name, text) pairs of an input, in order."""
    starts = [m.start() for m in re.finditer(rb"(?m)^@@ ", data)]
    for k, i in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(data)
        nl = data.find(b"\n", i, end)
        name = data[i + 3:nl if nl >= 0 else end]
        yield name, data[nl + 1:end] if nl >= 0 else b""


def unpack(data, dst):
    shutil.copytree(FIXTURE, dst)
    known = {f.encode() for f in fixture_files()}
    new = 0
    for name, text in split(data):
        remove = name.startswith(b"-")
        if remove:
            name = name[1:]
        path = os.path.join(dst, name.decode("utf-8", "replace"))
        if name in known:
            if remove:
                if os.path.exists(path):
                    os.remove(path)
            else:
                open(path, "wb").write(text)
        elif not remove and NEW_MD.fullmatch(name):
            if not os.path.exists(path):
                if new == 16:  # MAX_NEW
                    continue
                new += 1
            open(path, "wb").write(text)


def fixture(rel):
    return open(os.path.join(FIXTURE, rel), encoding="utf-8").read()


def pack(files):
    return "".join(f"@@ {name}\n{text}" for name, text in files).encode("utf-8")


BLOCKS_JA = """# II 計画

本計画の進捗（しんちょく）は次のとおりです※1。「協働」は、市民・事業者・行政が力を合わせることです。

```plangen progress first
```

## 1 全体指標

- 目標を**共有**します
  - 役割を[分担](https://example.jp/a)します
- `協働`を進めます

1. 第一に
2. 第二に

> 引用：まちづくりは、ひとづくりから――。

```plangen indicators first overall
```

```plangen indicators revised m1
```

### 基本目標

```plangen goal
```

```plangen points
```

```plangen structure
```

```plangen policy policy1
```

```plangen measure m1
```

```plangen revisions
```

---

※1 2020年度末現在の値です。

```plangen colophon
```
"""

BLOCKS_EN = """# II The plan

The progress of the plan is as follows*1. "Collaboration" means citizens, businesses and the city working together.

```plangen progress first
```

## 1 Overall indicators

- We **share** goals
  - and [divide](https://example.jp/a) roles
- We promote `collaboration`

1. First
2. Second

> Quote: a city is made by its people.

```plangen indicators first overall
```

```plangen indicators revised m1
```

### Basic goal

```plangen goal
```

```plangen points
```

```plangen structure
```

```plangen policy policy1
```

```plangen measure m1
```

```plangen revisions
```

---

*1 Values at the end of FY2020.

```plangen colophon
```
"""

STRUCTURE2 = fixture("structure.yaml") + """  - id: policy2
    title: {ja: 場づくり, en: Places}
    measures:
      - id: m2
        title: {ja: 拠点の充実, en: Better centres}
        summary: {ja: 拠点を充実します, en: We improve the centres}
        actions:
          - text: {ja: 拠点の運営, en: Running the centres}
            departments: [all]
            mark: added
diagram:
  - id: principles
    text: {ja: 5つの基本原則, en: The five principles}
"""

INDICATORS_MORE = fixture("indicators.yaml").replace("  - {id: percent", "  - {id: person, ja: 人, en: people}\n  - {id: percent") + """  - id: r-deaths
    set: revised
    measure: m1
    name: {ja: 交通事故死者数, en: Traffic deaths}
    name_note: {ja: （暦年）, en: (calendar year)}
    unit: person
    direction: down
    baseline: 12
    current: 9
    target: 0
    description: {ja: 年間の死者数, en: Deaths in a year}
    sections: [citizen-npo]
    note: {ja: 警察の統計による, en: From police statistics}
    mark: added
    revision: {change: added, reason: {ja: 安全のため, en: For safety}}
  - id: f-old
    set: first
    measure: m1
    name: {ja: 旧指標, en: Old indicator}
    unit: case
    direction: up
    baseline: 5
    current: 7
    target: 6
    description: {ja: 廃止した指標, en: A dropped indicator}
    sections: [citizen-npo]
    revision: {change: dropped, reason: {ja: 役割を終えたため, en: No longer needed}}
  - id: r-watch
    set: revised
    measure: m1
    name: {ja: 相談件数, en: Consultations}
    unit: case
    direction: monitor
    baseline: 946
    current: 2216
    target: monitoring
    description: {ja: 相談の件数, en: Number of consultations}
    sections: [citizen-npo]
    mark: added
    revision: {change: added, reason: {ja: 把握のため, en: To follow}}
  - id: r-pending
    set: revised
    measure: overall
    name: {ja: 満足度, en: Satisfaction}
    unit: percent
    direction: up
    baseline: ~
    current: {value: [40.5, 38.0], year: 2021}
    parts: [{ja: 男性, en: Men}, {ja: 女性, en: Women}]
    target: {pending: {ja: 2022年度に設定, en: To be set in FY2022}}
    description: {ja: 調査による, en: From the survey}
    mark: added
    revision: {change: added, reason: {ja: 新設, en: New}}
"""

FIGURES_BAR = fixture("figures.yaml").replace("type: line", "type: bar").replace(
    "categories: [\"2016\", \"2017\"]", "categories: [\"2016\", \"2017\", \"2018\"]").replace(
    "values: [63.2, 62.5]", "values: [63.2, 62.5, 61.9]\n        - name: {ja: 目標, en: Target}\n"
    "          values: [70, 70, 70]\n        - name: {ja: 県, en: Prefecture}\n          values: [40, 0, 35]") + """  - id: trend
    kind: chart
    title: {ja: 推移, en: Trend}
    data:
      type: line
      unit: percent
      categories: ["2019", "2020"]
      series:
        - {name: {ja: 市, en: City}, values: [10.5, 12]}
        - {name: {ja: 県, en: Prefecture}, values: [8, 7.5]}
  - id: missing
    kind: chart
    title: {ja: 人口推計, en: Population projection}
    source: {ja: （資料：人口ビジョン）, en: "(Source: Population Vision)"}
    data: missing
"""

SEEDS = {
    # every fixture file: a base for mutating any of them
    "all-files": [(f, fixture(f)) for f in fixture_files()],
    # a chapter that places every kind of data block, with more Markdown; the texts of the
    # policy and the measure it places, to be mutated where they are drawn
    "chapter-blocks": [("ja/chapters/2-plan.md", BLOCKS_JA), ("en/chapters/2-plan.md", BLOCKS_EN),
                       ("ja/policies/policy1.md", fixture("ja/policies/policy1.md")),
                       ("en/policies/policy1.md", fixture("en/policies/policy1.md")),
                       ("ja/measures/m1.md", "講座を**行い**ます。\n\n- 若者の参加\n- 地域との連携\n\n"
                        "```plangen actions m1\n```\n\n```plangen indicators revised m1\n```\n"),
                       ("en/measures/m1.md", "We **hold** courses.\n\n- Young people take part\n- With the "
                        "community\n\n```plangen actions m1\n```\n\n```plangen indicators revised m1\n```\n")],
    # a second policy and measure, with their texts
    "second-policy": [("structure.yaml", STRUCTURE2),
                      ("ja/policies/policy2.md", "場が基盤です。\n"), ("en/policies/policy2.md", "Places matter.\n"),
                      ("ja/measures/m2.md", "拠点を充実します。\n\n```plangen actions m2\n```\n"),
                      ("en/measures/m2.md", "We improve the centres.\n\n```plangen actions m2\n```\n")],
    # every kind of value, direction and revision; charts: bars of three series (plain,
    # hatched, dotted; one of 0), lines of two, one without data; in a chapter, so that the
    # booklets draw them too (a measure's text is in the booklet only where a chapter places it)
    "values-charts": [("indicators.yaml", INDICATORS_MORE), ("figures.yaml", FIGURES_BAR),
                      ("ja/chapters/1-intro.md", fixture("ja/chapters/1-intro.md") + "\n```plangen chart r-deaths\n```\n\n"
                       "```plangen figure membership\n```\n\n```plangen figure trend\n```\n\n"
                       "```plangen figure missing\n```\n"),
                      ("en/chapters/1-intro.md", fixture("en/chapters/1-intro.md") + "\n```plangen chart r-deaths\n```\n\n"
                       "```plangen figure membership\n```\n\n```plangen figure trend\n```\n\n"
                       "```plangen figure missing\n```\n")],
    # English texts missing: the back-ends fall back to Japanese
    "no-english": [("-en/chapters/1-intro.md", ""), ("-en/measures/m1.md", ""), ("-en/policies/policy1.md", "")],
}


# The dictionary (libFuzzer -dict): separators, data blocks, keys and values of the content.
WORDS = ("actions address adopted allow_html bar base_url baseline caption categories change chart columns "
         "current data departments description diagram direction editor email fax figures from goal id image "
         "indicators kind line mark measure measures name name_note note number parts pending period philosophy "
         "phone points policies postcode publisher reason revised revised_period revision rows sections series "
         "set sets site source subtitle summary tables target terms text title to type unit units value values "
         "year years up down monitor monitoring kept target_revised replaced moved added dropped overall missing "
         "first policy1 m1 f-lectures r-lectures r-share membership photo finance citizen-npo all").split()
BLOCKS = ["indicators revised m1", "indicators first overall", "chart r-lectures", "figure membership",
          "figure photo", "table finance", "actions m1", "policy policy1", "measure m1", "structure", "goal",
          "points", "revisions", "colophon", "progress revised"]


def dictionary():
    seps = [f"@@ {f}\n" for f in fixture_files()] + ["@@ -", "@@ ja/chapters/2-x.md\n", "@@ en/chapters/2-x.md\n",
                                                      "@@ ja/measures/m2.md\n", "@@ ja/policies/p2.md\n"]
    words = seps + [f"```plangen {b}\n```\n" for b in BLOCKS] + [f"{w}: " for w in WORDS] + \
        ["{ja: ", ", en: ", "}", "[", "]", "~", "- ", "\n  - ", "※1", "# ", "## ", "**", "> ", "1. ", "](", "<b>"]
    def esc(w):  # libFuzzer's escapes: \\, \" and \xAB
        return "".join(chr(c) if 32 <= c < 127 and c not in b'\\"' else f"\\x{c:02X}" for c in w.encode())
    return "".join(f'"{esc(w)}"\n' for w in words)


def write_seeds(plangen=None):
    shutil.rmtree(CORPUS, ignore_errors=True)
    os.makedirs(CORPUS)
    open(os.path.join(ROOT, "tests", "fuzz_build.dict"), "w", encoding="utf-8").write(
        "# libFuzzer dictionary of tests/fuzz_build.c, written by tests/fuzz_input.py seeds\n" + dictionary())
    bad = 0
    for name, files in SEEDS.items():
        data = pack(files)
        open(os.path.join(CORPUS, name), "wb").write(data)
        if plangen:
            with tempfile.TemporaryDirectory() as tmp:
                unpack(data, os.path.join(tmp, "c"))
                r = subprocess.run([plangen, "build", "--content", os.path.join(tmp, "c"), "--output",
                                    os.path.join(tmp, "out")], capture_output=True, text=True)
                errors = re.findall(r"^.*: error: .*$", r.stderr, re.M)
                print(f"{name}: {len(data)} bytes, exit {r.returncode}" + "".join("\n  " + e for e in errors))
                bad += r.returncode != 0
    return bad


def main():
    if sys.argv[1:2] == ["unpack"] and len(sys.argv) == 4:
        unpack(open(sys.argv[2], "rb").read(), sys.argv[3])
    elif sys.argv[1:2] == ["seeds"] and len(sys.argv) <= 3:
        sys.exit(1 if write_seeds(sys.argv[2] if len(sys.argv) == 3 else None) else 0)
    else:
        sys.exit(__doc__)


main()
