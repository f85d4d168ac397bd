"""Regenerate regions.csv and demo_subdivisions.csv from the maintained `china-division` package.

The package (npm, modood/Administrative-divisions-of-China, data from the National Bureau of
Statistics' division codes) is the source; we keep only what the app loads:

- regions.csv: every province, prefecture city and county-level unit (GB/T 2260, 6 digits);
- demo_subdivisions.csv: towns/streets (9 digits) and villages/communities (12 digits) of the
  three counties of the demo (镇安县 611025, 碑林区 610103, 渭滨区 610302).

Run: python qingzhuang/org/data/generate_regions.py [path to an unpacked package/dist]
Without a path it fetches the package with `npm pack` into a temporary folder.
"""

import csv
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "china-division@2.7.0"
HERE = Path(__file__).resolve().parent
DEMO_COUNTIES = ("611025", "610103", "610302")


def six(code: str) -> str:
    return code.ljust(6, "0")


def read(dist: Path, name: str) -> list[dict[str, str]]:
    with open(dist / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def tidy_village_name(name: str) -> str:
    # The statistical list names the committee (新渭路社区居民委员会); users know the community.
    for suffix in ("居民委员会", "居委会", "村民委员会", "村委会"):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("居"):
                return stem if stem.endswith("社区") else stem + "社区"
            return stem if stem.endswith("村") else stem + "村"
    return name


def main() -> None:
    if len(sys.argv) > 1:
        dist = Path(sys.argv[1])
        generate(dist)
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        archive = next(Path(tmp).glob("china-division-*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        generate(Path(tmp) / "package" / "dist")


def generate(dist: Path) -> None:
    rows = [(six(p["code"]), p["name"], 1, "") for p in read(dist, "provinces.csv")]
    rows += [(six(c["code"]), c["name"], 2, six(c["provinceCode"])) for c in read(dist, "cities.csv")]
    rows += [(a["code"], a["name"], 3, six(a["cityCode"])) for a in read(dist, "areas.csv")]
    write(HERE / "regions.csv", rows)

    sub = [(s["code"], s["name"], 4, s["areaCode"]) for s in read(dist, "streets.csv") if s["areaCode"] in DEMO_COUNTIES]
    towns = {code for code, *_ in sub}
    with open(dist / "villages.csv", encoding="utf-8") as fh:
        for v in csv.DictReader(fh):
            if v["streetCode"] in towns:
                sub.append((v["code"], tidy_village_name(v["name"]), 5, v["streetCode"]))
    write(HERE / "demo_subdivisions.csv", sub)


def write(path: Path, rows: list[tuple[str, str, int, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "level", "parent_code"])
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
