"""Regenerate kg/data/gazetteers/provinces.csv from maintained data.

Codes and official names of the 63 province-level units before 1 July 2025 and
of the 34 after it, and the merger mapping, come from underthesea's address
data (source: vietnamadminunits); the 2025 list is cross-checked against the
``vietnam-provinces`` package when it is installed.  Aliases are ours, in
kg/data/gazetteers/province_aliases.csv.

usage: python scripts/make_provinces.py
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import underthesea

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kg" / "data" / "gazetteers" / "provinces.csv"


def main() -> int:
    data = json.loads((Path(underthesea.__file__).parent / "address" / "data" / "mapping.json").read_text("utf-8"))
    old, new, mapping = data["old_province_names"], data["province_names"], data["province_mapping"]
    rows = []
    for slug, unit in old.items():
        successor = mapping[slug]
        rows.append({
            "code": unit["code"],
            "name": unit["short"],
            "official_name": unit["name"],
            "level": "city" if unit["name"].startswith("Thành phố") else "province",
            "code_2025": new[slug]["code"] if slug in new else "",
            "merged_into": "" if successor == slug else old[successor]["code"],
        })
    # Units of 2025 all carry a pre-2025 name; check that nothing is missed.
    missing = set(new) - set(old)
    if missing:
        print(f"2025 units without a pre-2025 unit: {sorted(missing)}", file=sys.stderr)
        return 1
    try:
        from vietnam_provinces import Province

        codes_2025 = {int(p.code) for p in Province.iter_all()}
        ours = {int(r["code_2025"]) for r in rows if r["code_2025"]}
        if codes_2025 != ours:
            print(f"2025 codes disagree with vietnam-provinces: {sorted(codes_2025 ^ ours)}", file=sys.stderr)
            return 1
    except ImportError:
        pass
    rows.sort(key=lambda r: r["code"])
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} units ({sum(1 for r in rows if r['code_2025'])} in 2025) to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
