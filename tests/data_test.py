#!/usr/bin/env python3
"""Checks the open data of a build: downloads/indicators.csv, indicators.json and
the item definition indicators-items.csv.

usage: python3 tests/data_test.py OUTPUT_DIR [--content DIR] [--plangen PATH]
       python3 tests/data_test.py --self-test [--content DIR] [--plangen PATH]

OUTPUT_DIR is the folder `plangen build` wrote (e.g. output/) from the content
folder DIR (default content/). PATH is the plangen binary (default
build/plangen) used for the `check` summary and a second build.
Prints "data: N passed, N failed" and exits 1 if anything failed.

What is checked (issue 6, "Done when"), for any plan:
  - both CSVs start with a UTF-8 BOM, end every line with CRLF, have one header
    row and parse with one width; no cell has a line break, a leading or trailing
    space or a platform-specific character (①, Ⅰ, ㈱, half-width kana);
  - at least one record per indicator of every set: the ids per set equal the
    counts of `plangen check` and the ids of DIR/indicators.yaml; one record
    per part of a value in parts;
  - number and year columns hold plain numbers (no unit, no thousands
    separator, Western years); no cell anywhere is a number with a unit or a
    separator; empty value cells say why (state, note);
  - the values, years, states and names equal the content (indicators.yaml,
    read with tests/plan_content.py: numbers as written, era years such as
    令和3年度 or R3 as their Western years), and each set's period is the
    plan's (plan.yaml, era years too);
  - the JSON is valid and holds the same records, keys and number texts;
    its text is the CSV's text, except that a CSV text cell is ' + the text
    exactly when the text begins with =, +, -, @, a tab or CR (OWASP's rule
    against formula injection), so no text cell of either CSV begins with
    one of those; number cells are never changed;
  - every status and achievement rate equals the README's formula recomputed
    here from the numbers in the CSV, with the labels of the theme (or the
    plan's own words.yaml);
  - no footnote mark (※7) is left in any cell;
  - the item definition lists every column, in order, with its labels, type
    and meaning;
  - a second build writes byte-identical data files;
and for Koriyama's content/ alone: 15 hand-checked statuses (the table of
tests/unit.c) are as expected.
--self-test builds DIR, damages copies of the files (the damages are found in
the good files, so they fit any plan) and checks that each damage is caught.
"""
import csv, io, json, os, re, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import plan_content  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = ["indicators.csv", "indicators.json", "indicators-items.csv", "indicators-values.csv",
         "indicators-values-items.csv"]
BOM = b"\xef\xbb\xbf"

# Hand-checked statuses of Koriyama's content/: the same ids and statuses as tests/unit.c.
EXPECTED_STATUS = {
    "r-attachment": "achieved",          # 67.6 → 74.8, target 70.0
    "r-satisfaction": "on_track",        # 62.3 → 70.8 of 73.0: 79%
    "r-importance": "worse",             # 6.4 → 1.3, target 5.0
    "r-kirameki-lectures": "worse",      # 261 → 238, target 300
    "r-youth-borderless": "no_data",     # no baseline
    "r-local-events": "worse",           # both parts fell
    "r-clear-information": "no_target",  # target set in FY2022
    "r-traffic-accidents": "on_track",   # down: 1,128 → 679 of 300: 54%
    "f-traffic-deaths": "behind",        # down: 9 → 9, target 3
    "f-local-talent-schools": "monitoring",
    "r-waste-per-person": "behind",      # down: 1,141 → 1,127 of 952: 7%
    "r-center-consultations": "on_track",  # 946 → 2,216 of 2,500: 82%
    "f-center-consultations": "achieved",  # 2,216 ≥ 1,800
    "r-disaster-info-recipients": "achieved",  # 10,510 ≥ 7,400
    "r-line-subscribers": "no_data",     # no baseline
}
STATUS_ORDER = ["achieved", "on_track", "behind", "worse"]  # best first
LABELS = {"achieved": ("達成", "Achieved"), "on_track": ("順調", "On track"), "behind": ("遅れ", "Behind"),
          "worse": ("基準値より悪化", "Worse than baseline"), "monitoring": ("モニタリング指標", "Monitoring only"),
          "no_target": ("目標未設定", "Target not set"), "no_data": ("判定不可", "Cannot be assessed")}

PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
# A number written for people, not machines: a unit after it, a separator in it, ▲ before it.
NUMBER_FOR_PEOPLE = re.compile(r"^(▲|△)?-?\d{1,3}(,\d{3})+(\.\d+)?\D*$|^(▲|△)?-?\d+(\.\d+)?\s*(%|％|件|人|点|回|団体|法人|事業者|g|円|年度)$")
PLATFORM_CHARS = re.compile("[\u2460-\u24ff\u2160-\u217f\u3220-\u325f\u3280-\u33ff\uff61-\uff9f]")
FOOTNOTE = re.compile(r"※[0-9０-９]")
# A cell a spreadsheet would run as a formula (OWASP's CSV injection rule).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class JsonNumber(str):
    """A JSON number, as the text it was written with."""


def csv_text(raw):
    """The CSV cell of a text: a ' before a text that a spreadsheet would run."""
    return "'" + raw if raw.startswith(FORMULA_START) else raw


class Checker:
    def __init__(self):
        self.passed = self.failed = 0
        self.failures = []

    def ok(self, cond, name, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            self.failures.append(name)
            print(f"FAIL data: {name}" + (f"\n{detail}" if detail else ""), file=sys.stderr)
        return cond


def read_csv(c, path, name):
    raw = open(path, "rb").read()
    c.ok(raw.startswith(BOM), f"{name}: starts with a UTF-8 BOM")
    body = raw[len(BOM):] if raw.startswith(BOM) else raw
    c.ok(body.endswith(b"\r\n") and body.count(b"\n") == body.count(b"\r\n") and body.count(b"\r") == body.count(b"\r\n"),
         f"{name}: every line ends with CRLF")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        c.ok(False, f"{name}: UTF-8", str(e))
        return [], []
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    c.ok(len(rows) > 1, f"{name}: a header row and records")
    widths = {len(r) for r in rows}
    c.ok(len(widths) == 1, f"{name}: one width for every row", f"widths {sorted(widths)}")
    header = rows[0] if rows else []
    c.ok(len(set(header)) == len(header) and all(re.fullmatch(r"[a-z][a-z_]*", h) for h in header),
         f"{name}: one header row of distinct column names", str(header))
    bad = [(i + 1, v) for i, r in enumerate(rows) for v in r
           if "\n" in v or "\r" in v or v != v.strip() or PLATFORM_CHARS.search(v)]
    c.ok(not bad, f"{name}: no line break, layout space or platform-specific character in a cell", str(bad[:5]))
    return header, rows[1:]


def labels(plan):
    """The status labels: the theme's (as the README lists them), or the plan's own words."""
    out = dict(LABELS)
    for code in out:
        own = plan.own_words.get(f"status_{code}")
        if own:
            out[code] = (plan.text(own, "ja"), plan.text(own, "en"))
    return out


def recompute(parts):
    """Status code and rate text of an indicator from its records (README's formula)."""
    r0 = parts[0]
    if r0["direction"] == "monitor" or r0["target_state"] == "monitoring":
        return "monitoring", ""
    if r0["target_state"] != "number":
        return "no_target", ""
    if r0["baseline_state"] != "number" or r0["current_state"] != "number":
        return "no_data", ""
    best = None
    for r in parts:
        b, c, t = float(r["baseline_value"]), float(r["current_value"]), float(r["target_value"])
        up = r["direction"] == "up"
        if (up and c >= t) or (not up and c <= t):
            s, rate = "achieved", (c - b) / (t - b) if t != b else 1.0
        elif (up and c < b) or (not up and c > b):
            s, rate = "worse", (c - b) / (t - b) if t != b else None
        else:
            rate = (c - b) / (t - b) if t != b else 0.0
            span = int(r["target_year"]) - int(r["baseline_year"])
            expected = (int(r["current_year"]) - int(r["baseline_year"])) / span if span > 0 else 1.0
            s = "on_track" if rate >= expected else "behind"
        key = (STATUS_ORDER.index(s), -(rate if rate is not None else float("-inf")))
        if best is None or key > best[0]:
            best = (key, s, rate)
    s, rate = best[1], best[2]
    if rate is None or rate != rate or rate in (float("inf"), float("-inf")):
        return s, ""
    text = "%.1f" % (rate * 100)
    return s, text[1:] if re.fullmatch(r"-0\.0", text) else text


def check_summary(c, plangen, content):
    r = subprocess.run([plangen, "check", "--content", content], cwd=ROOT, capture_output=True, timeout=60)
    m = re.search(r"(\d+) indicators \(([^)]*)\)", r.stdout.decode())
    c.ok(r.returncode == 0 and m is not None, "plangen check prints the indicator counts", r.stdout.decode()[-500:])
    if not m:
        return None, {}
    return int(m.group(1)), {k: int(v) for k, v in (x.rsplit(" ", 1) for x in m.group(2).split(", "))}


def check(out_dir, plangen, c, content=plan_content.SEED, second_build=True):
    plan = plan_content.Plan(content)
    d = os.path.join(out_dir, "downloads")
    for f in FILES:
        c.ok(os.path.isfile(os.path.join(d, f)), f"downloads/{f} exists")
    if not all(os.path.isfile(os.path.join(d, f)) for f in FILES):
        return
    header, rows = read_csv(c, os.path.join(d, "indicators.csv"), "indicators.csv")
    iheader, items = read_csv(c, os.path.join(d, "indicators-items.csv"), "indicators-items.csv")
    # a row of the wrong width is reported above; padded, the other checks still run
    recs = [dict(zip(header, r + [""] * (len(header) - len(r)))) for r in rows]

    # The item definition: every column, in order, described.
    col = iheader.index("column") if "column" in iheader else None
    c.ok(col is not None and [r[col] for r in items] == header,
         "item definition: one row per column of indicators.csv, in order")
    types = {}
    for r in items:
        it = dict(zip(iheader, r))
        types[it.get("column")] = it.get("type_en")
        c.ok(all(it.get(k) for k in ("label_ja", "label_en", "type_ja", "type_en", "description_ja", "description_en")),
             f"item definition: {it.get('column')} has labels, type and meaning")
    numeric = [h for h in header if types.get(h) in ("number", "integer")]
    c.ok({"baseline_value", "current_value", "target_value", "achievement_rate", "baseline_year"} <= set(numeric),
         "item definition: values, years and the rate are numbers", str(numeric))

    # No text cell a spreadsheet would run as a formula, in either CSV.
    bad = [(r["id"], h, v) for r in recs for h, v in r.items() if h not in numeric and v.startswith(FORMULA_START)]
    bad += [("items", r[0], v) for r in items for h, v in zip(iheader, r) if h != "no" and v.startswith(FORMULA_START)]
    c.ok(not bad, "no text cell begins with =, +, -, @, a tab or CR (a formula)", str(bad[:5]))

    # Numbers: plain, and years Western.
    bad = [(r["id"], h, r[h]) for r in recs for h in numeric if r[h] and not PLAIN_NUMBER.fullmatch(r[h])]
    c.ok(not bad, "number columns hold plain numbers (no unit, no separator)", str(bad[:5]))
    bad = [(r["id"], h, r[h]) for r in recs for h in header if h.endswith(("_year", "period_start", "period_end"))
           and not re.fullmatch(r"(19|20|21)\d\d", r[h])]
    c.ok(not bad, "years are Western years", str(bad[:5]))
    bad = [(r["id"], h, v) for r in recs for h, v in r.items() if NUMBER_FOR_PEOPLE.match(v)]
    c.ok(not bad, "no cell is a number written with a unit or a thousands separator", str(bad[:5]))
    bad = [(r["id"], h) for r in recs for h, v in r.items() if FOOTNOTE.search(v)]
    c.ok(not bad, "no footnote mark (※7) in any cell", str(bad[:5]))
    for slot in ("baseline", "current", "target"):
        bad = [r["id"] for r in recs if (r[f"{slot}_value"] == "") != (r[f"{slot}_state"] != "number")
               or (r[f"{slot}_state"] != "number" and not (r["value_note_ja"] and r["value_note_en"]))]
        c.ok(not bad, f"an empty {slot} value has a state and a note that say why", str(bad[:5]))

    # One record per indicator and part, both sets, as many as `plangen check` counts.
    ids = {}
    for r in recs:
        ids.setdefault(r["id"], []).append(r)
    total, per_set = check_summary(c, plangen, content)
    got_sets = {}
    for iid, rs in ids.items():
        got_sets[rs[0]["set"]] = got_sets.get(rs[0]["set"], 0) + 1
    c.ok(total is not None and len(ids) == total and got_sets == per_set,
         f"one or more records for each of the {total} indicators of every set",
         f"csv: {len(ids)} {got_sets}; check: {total} {per_set}")
    c.ok(len(recs) == len({(r["id"], r["part"]) for r in recs}), "id and part identify a record")

    # The values are the content's.
    sets, content_inds = plan.indicators()
    c.ok(set(content_inds) == set(ids), f"the indicators are those of {content}/indicators.yaml",
         str(set(content_inds) ^ set(ids)))
    bad = []
    for iid, ind in content_inds.items():
        rs = ids.get(iid, [])
        for r in rs:
            k = int(r["part"]) - 1
            if (r["set"], r["direction"]) != (ind["set"], ind["direction"]) or \
                    r["measure_id"] != ind["measure"]:
                bad.append((iid, "set/measure/direction"))
            if (r["name_ja"], r["name_en"]) != tuple(plan_content.strip_marks(plan.text(ind["name"], lang))
                                                     for lang in ("ja", "en")):
                bad.append((iid, "name", r["name_ja"], r["name_en"]))
            for slot in plan_content.SLOTS:
                kind, nums, year = ind[slot]
                want = nums[k] if kind == "number" and k < len(nums) else ""
                if r[f"{slot}_state"] != kind or r[f"{slot}_value"] != want or r[f"{slot}_year"] != str(year):
                    bad.append((iid, slot, r[f"{slot}_state"], r[f"{slot}_value"], r[f"{slot}_year"], kind, want, year))
        nparts = ind["nparts"]
        if len(rs) != nparts:
            bad.append((iid, f"{len(rs)} records for {nparts} parts"))
    c.ok(not bad, "the values, years, states and names are those of the content", "\n".join(map(str, bad[:8])))
    bad = [(r["id"], r["set"], r["period_start"], r["period_end"]) for r in recs
           if (r["period_start"], r["period_end"]) != tuple(map(str, plan.set_period(sets, r["set"])))]
    c.ok(not bad, "each set's period is the plan's (plan.yaml)",
         "\n".join(map(str, bad[:8])) + f"\nplan: {plan.period()} revised {plan.period('revised_period')}")

    # The JSON: valid, the same records, keys and number texts.
    raw = open(os.path.join(d, "indicators.json"), "rb").read()
    try:
        # numbers kept as their text, but told apart from strings
        doc = json.loads(raw.decode("utf-8"), parse_float=JsonNumber, parse_int=JsonNumber)
        c.ok(True, "indicators.json is valid JSON")
    except (ValueError, UnicodeDecodeError) as e:
        c.ok(False, "indicators.json is valid JSON", str(e))
        return
    c.ok(not raw.startswith(BOM), "indicators.json has no BOM (RFC 8259)")
    jrecs = doc.get("records", []) if isinstance(doc, dict) else []
    c.ok(len(jrecs) == len(recs), "indicators.json has as many records as indicators.csv", f"{len(jrecs)} vs {len(recs)}")
    bad = []
    for i, (cr, jr) in enumerate(zip(recs, jrecs)):
        if list(jr) != header:
            bad.append((i, "keys differ"))
            continue
        for h in header:
            v = jr[h]
            if h in numeric:
                same = (v is None and cr[h] == "") or (isinstance(v, JsonNumber) and v == cr[h])
            else:
                same = type(v) is str and csv_text(v) == cr[h]
            if not same:
                bad.append((cr["id"], h, cr[h], v))
    c.ok(not bad, "indicators.json equals indicators.csv record by record and number by number "
         "(text: the CSV's ' before a formula aside)",
         "\n".join(map(str, bad[:8])))

    # Statuses and rates: the README's formula, and (content/) the hand-checked table.
    status_labels = labels(plan)
    bad = []
    for iid, rs in ids.items():
        try:
            s, rate = recompute(rs)
        except ValueError:  # a value that is no number: reported above
            s, rate = None, None
        for r in rs:
            if (r["status"], r["achievement_rate"]) != (s, rate) or \
                    (r["status_ja"], r["status_en"]) != status_labels.get(r["status"]):
                bad.append((iid, r["status"], r["achievement_rate"], s, rate))
    c.ok(not bad, "every status and rate follows the formula from the numbers", "\n".join(map(str, bad[:8])))
    for iid, want in EXPECTED_STATUS.items() if plan.seed else ():
        got = [r["status"] for r in ids.get(iid, [])]
        c.ok(got and all(g == want for g in got), f"status of {iid} is {want}", str(got))

    # The long form (indicators-values.csv): a row per indicator, part and year with a number —
    # each year of `values:` (the latest the current value), else the baseline and the current
    # value — and the target's, as the content says them.
    vheader, vrows = read_csv(c, os.path.join(d, "indicators-values.csv"), "indicators-values.csv")
    c.ok(vheader == ["id", "part", "set", "year", "value", "role"], "indicators-values.csv: its columns",
         str(vheader))
    viheader, vitems = read_csv(c, os.path.join(d, "indicators-values-items.csv"), "indicators-values-items.csv")
    col = viheader.index("column") if "column" in viheader else None
    c.ok(col is not None and [r[col] for r in vitems] == vheader and
         all(r[viheader.index(k)] for r in vitems for k in ("label_ja", "label_en", "description_ja", "description_en")),
         "indicators-values-items.csv defines every column of indicators-values.csv, in order",
         str([r[col] for r in vitems] if col is not None else viheader))
    want = []
    for iid, ind in content_inds.items():
        for k in range(ind["nparts"]):
            def row(kind_nums_year, role):
                kind, nums, y = kind_nums_year
                if kind == "number" and k < len(nums):
                    want.append([iid, str(k + 1), ind["set"], str(y), str(nums[k]), role])
            series = ind["series"]
            for i, (y, v) in enumerate(series):
                role = "current" if i == len(series) - 1 else \
                    "baseline" if ind["baseline"][0] == "number" and ind["baseline"][2] == y else ""
                row(("number", v if isinstance(v, list) else [v], y), role)
            for slot in plan_content.SLOTS[2 if series else 0:]:
                row(ind[slot], slot)
    norm = lambda rows: sorted([r[0], r[1], r[2], r[3], str(float(r[4])), r[5]] for r in rows)
    c.ok(norm(vrows) == norm(want), "indicators-values.csv: the values of the content, year by year",
         "\n".join(map(str, [r for r in norm(vrows) if r not in norm(want)][:5] +
                              [r for r in norm(want) if r not in norm(vrows)][:5])))

    # Deterministic: a second build writes the same bytes.
    if second_build:
        with tempfile.TemporaryDirectory() as tmp:
            o = os.path.join(tmp, "out")
            r = subprocess.run([plangen, "build", "--content", content, "--output", o], cwd=ROOT, capture_output=True,
                               timeout=120)
            c.ok(r.returncode == 0, "a second build succeeds", r.stderr.decode()[-1000:])
            for f in FILES:
                p = os.path.join(o, "downloads", f)
                c.ok(os.path.isfile(p) and open(p, "rb").read() == open(os.path.join(d, f), "rb").read(),
                     f"a second build writes the same downloads/{f}")


def tree_bytes(out_dir):
    d = os.path.join(out_dir, "downloads")
    return {f: open(os.path.join(d, f), "rb").read() for f in FILES}


def self_test(plangen, content=plan_content.SEED):
    """Each damage to a copy of good files must make the check fail, at the check
    meant to catch it.  The damages are found in the good files (a number of four
    digits, a decimal, a value in parts …), so they fit any plan."""
    def edit(name, fn):
        """Damage downloads/NAME with fn(bytes) → bytes; read whole before writing."""
        def f(d):
            p = os.path.join(d, name)
            with open(p, "rb") as fh:
                data = fh.read()
            with open(p, "wb") as fh:
                fh.write(fn(data))
        return f

    def edit_csv(fn):
        return edit("indicators.csv", fn)

    def edit_items(fn):
        return edit("indicators-items.csv", fn)

    def edit_json(fn):
        return edit("indicators.json", lambda b: fn(b.decode("utf-8")).encode("utf-8"))

    def edit_both(old, csv_new, json_new):
        """The same text changed in the CSV and the JSON."""
        def f(d):
            edit_csv(lambda b: b.replace(old.encode(), csv_new.encode()))(d)
            edit_json(lambda s: s.replace(old, json_new))(d)
        return f

    def edit_record(iid, part, fn):
        """Damage the CSV line of one record with fn(line bytes) → bytes."""
        head = f"{iid},{part},".encode()
        return edit_csv(lambda b: b"\r\n".join(fn(l) if l.startswith(head) else l for l in b.split(b"\r\n")))

    def damages(good):
        d = os.path.join(good, "downloads")
        recs = [dict(r) for r in csv.DictReader(io.StringIO(open(os.path.join(d, "indicators.csv"), "rb")
                                                            .read().decode("utf-8-sig"), newline=""))]
        values = [(r, slot) for r in recs for slot in plan_content.SLOTS if r[f"{slot}_state"] == "number"]
        # the first value of four digits or more, and the first current value with decimals
        big_r, big_s = next((r, s) for r, s in values if len(r[f"{s}_value"].split(".")[0].lstrip("-")) >= 4)
        big = big_r[f"{big_s}_value"]
        dec_r = next(r for r in recs if r["current_state"] == "number" and "." in r["current_value"])
        dec = dec_r["current_value"]
        parted = next(r for r in recs if r["part"] == "2")
        scored = next(r for r in recs if r["status"] in ("on_track", "behind", "achieved", "worse")
                      and not any(x["id"] == r["id"] and x["part"] != "1" for x in recs))
        other = "behind" if scored["status"] != "behind" else "on_track"
        # an English name that the CSV writes as it is (no comma or quote)
        named = next(r for r in recs if not re.search(r'[,"\']', r["name_en"]) and
                     sum(r["name_en"] in x["name_en"] for x in recs) == 1)
        jp = next(r for r in recs if len(r["name_ja"]) >= 4)
        first = recs[0]
        publisher = json.load(open(os.path.join(d, "indicators.json"), encoding="utf-8"))["publisher"]["ja"]
        period = (first["period_start"], first["period_end"])
        line = lambda r: (r["id"], r["part"])
        return {
            "no BOM": ("BOM", edit_csv(lambda b: b[3:])),
            "LF line ends": ("CRLF", edit_csv(lambda b: b.replace(b"\r\n", b"\n"))),
            "a cell more in one row": ("one width",
                                       edit_csv(lambda b: b.replace(b"\r\n", b",x\r\n", 2).replace(b",x\r\n", b"\r\n", 1))),
            "a number with a separator": ("plain numbers", edit_record(
                *line(big_r), lambda l: l.replace(f",{big},".encode(), f',"{int(big.split(".")[0]):,}",'.encode(), 1))),
            "a number with a unit": ("plain numbers", edit_record(
                *line(dec_r), lambda l: l.replace(f",{dec},".encode(), f",{dec}%,".encode(), 1))),
            "an indicator missing": ("each of the", edit_csv(
                lambda b: b"\r\n".join(l for l in b.split(b"\r\n") if not l.startswith(f"{recs[-1]['id']},".encode())))),
            "a part missing": ("those of the content", edit_csv(lambda b: b"\r\n".join(
                l for l in b.split(b"\r\n") if not l.startswith(f"{parted['id']},2,".encode())))),
            "a wrong status": ("follows the formula", edit_record(
                *line(scored), lambda l: l.replace(f",{scored['status']},".encode(), f",{other},".encode(), 1))),
            "a footnote mark": ("footnote", edit_record(*line(jp), lambda l: l.replace(
                jp["name_ja"].encode(), (jp["name_ja"][:2] + "※7" + jp["name_ja"][2:]).encode(), 1))),
            "a Japanese year": ("Western years", edit_record(*line(first), lambda l: l.replace(
                f",{first['baseline_year']},".encode(), ",令和元,".encode(), 1))),
            "invalid JSON": ("valid JSON", edit_json(
                lambda s: s.replace(f'"id": "{first["id"]}",', f'"id": "{first["id"]}"', 1))),
            "a bad escape in JSON": ("valid JSON", edit_json(
                lambda s: s.replace(f'"{publisher}"', f'"{publisher[:1]}\\q{publisher[1:]}"', 1))),
            "a JSON number differs": ("number by number", edit_json(
                lambda s: s.replace(f'"current_value": {dec},', f'"current_value": {dec}0,', 1))),
            "a JSON number as a string": ("number by number", edit_json(
                lambda s: s.replace(f'"current_value": {dec},', f'"current_value": "{dec}",', 1))),
            # CSV and JSON agree, but the CSV cell would run in a spreadsheet
            "a formula left as it is": ("formula", edit_both(
                named["name_en"], '"=HYPERLINK(""http://x.example"",""x"")"', '=HYPERLINK(\\"http://x.example\\",\\"x\\")')),
            "a formula left as it is in the item definition": ("formula", edit_items(
                lambda b: b.replace(",指標ID,".encode(), ",@指標ID,".encode(), 1))),
            "a ' before a text that needs none": ("record by record", edit_both(
                named["name_en"], "'" + named["name_en"], named["name_en"])),
            # CSV and JSON agree, but not with the content
            "a value not the content's": ("those of the content", edit_value(dec_r, dec)),
            "a name not the content's": ("those of the content", edit_both(
                named["name_en"], named["name_en"] + " x", named["name_en"] + " x")),
            "a period not the plan's": ("period is the plan's", edit_period(first, period)),
        }

    def edit_value(rec, value):
        """One current value changed in both files, alike."""
        def f(d):
            edit_record(rec["id"], rec["part"], lambda l: l.replace(f",{value},".encode(), f",{value}1,".encode(), 1))(d)
            edit_json(lambda s: s.replace(f'"current_value": {value},', f'"current_value": {value}1,', 1))(d)
        return f

    def edit_period(rec, period):
        """One record's period ends a year later in both files."""
        start, end = period
        def f(d):
            edit_record(rec["id"], rec["part"], lambda l: l.replace(f",{start},{end},".encode(),
                                                                    f",{start},{int(end) + 1},".encode(), 1))(d)
            edit_json(lambda s: s.replace(f'"period_end": {end},', f'"period_end": {int(end) + 1},', 1))(d)
        return f

    c = Checker()
    with tempfile.TemporaryDirectory() as tmp:
        good = os.path.join(tmp, "good")
        r = subprocess.run([plangen, "build", "--content", content, "--output", good], cwd=ROOT, capture_output=True,
                           timeout=120)
        if not c.ok(r.returncode == 0, "self-test: build", r.stderr.decode()[-1000:]):
            return c
        base = Checker()
        sys.stderr, saved = io.StringIO(), sys.stderr
        try:
            check(good, plangen, base, content, second_build=False)
        finally:
            sys.stderr = saved
        c.ok(base.failed == 0, "self-test: the good output passes", "\n".join(base.failures))
        for name, (caught_by, damage) in damages(good).items():
            bad = os.path.join(tmp, "bad")
            shutil.rmtree(bad, ignore_errors=True)
            shutil.copytree(good, bad)
            damage(os.path.join(bad, "downloads"))
            # A damage that changes nothing, or empties a file, proves nothing.
            damaged = tree_bytes(bad)
            c.ok(damaged != tree_bytes(good) and all(damaged.values()), f"self-test: {name} is a damage")
            k = Checker()
            sys.stderr, saved = io.StringIO(), sys.stderr
            try:
                check(bad, plangen, k, content, second_build=False)
            finally:
                sys.stderr = saved
            c.ok(any(caught_by in f for f in k.failures), f"self-test: {name} is caught (by the check on {caught_by})",
                 "failed: " + " | ".join(k.failures))
    return c


def main():
    args = sys.argv[1:]
    plangen = os.path.join(ROOT, "build", "plangen")
    if "--plangen" in args:
        i = args.index("--plangen")
        plangen = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    content = plan_content.SEED
    if "--content" in args:
        i = args.index("--content")
        content = os.path.abspath(args[i + 1])
        del args[i:i + 2]
    if args == ["--self-test"]:
        c = self_test(plangen, content)
    elif len(args) == 1:
        c = Checker()
        check(os.path.abspath(args[0]), plangen, c, content)
    else:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    print(f"data: {c.passed} passed, {c.failed} failed")
    sys.exit(1 if c.failed else 0)


main()
