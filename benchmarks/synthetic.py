"""Write a synthetic story of any size, valid and deterministic, for benchmarks.

Usage: python benchmarks/synthetic.py --actors N --out DIR

For N actors it writes N sources, 2N events, N/5 defections, N/50 council drafts
with every member's vote, N/2 figures, N quotes, a membership per year, one
mission and one plan, with references between them the way a real story has
them: events name a few actors, figures are claimed by actors, prose links to
other records with [[id]]. The same N always gives the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

PER_FILE = 500  # records per file: editors split big kinds across files
SIDES = ["government", "opposition", "backers", "mediators", "monitors"]
KINDS = ["person", "person", "person", "organization", "state", "armed-group", "party", "media", "ngo"]
START = dt.date(2010, 1, 1)
YEARS = 4
WORDS = (
    "council",
    "talks",
    "town",
    "harbour",
    "envoy",
    "minister",
    "army",
    "treaty",
    "border",
    "vote",
    "mission",
    "ceasefire",
    "report",
    "aid",
    "convoy",
    "protest",
    "statement",
    "delegation",
    "capital",
    "province",
    "observers",
    "plan",
    "agreement",
)


class Story:
    def __init__(self, actors: int) -> None:
        self.n = actors
        self.rng = random.Random(actors)

    def day(self) -> str:
        return (START + dt.timedelta(days=self.rng.randrange(365 * YEARS))).isoformat()

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count)).capitalize()

    def pick(self, prefix: str, total: int, count: int = 1) -> list[str]:
        return [f"{prefix}-{i}" for i in sorted(self.rng.sample(range(total), min(count, total)))]

    def story(self) -> dict[str, Any]:
        return {
            "headline": f"A synthetic story with {self.n} actors",
            "summary": "Generated for benchmarks; it begins with [[actor-0]] and [[event-0]].[^source-0]",
            "need_to_know": [f"{self.words(12)}.[^source-{i}]" for i in range(3)],
            # The story's now is after every date the records can have (START + YEARS).
            "dateline": {"place": "Capital", "date": "2013-12-31"},
            "language": "en",
            "published": "2013-12-31T09:00:00Z",
            "byline": ["Benchmark desk"],
            "since": {"date": "2010-01", "label": "the crisis began"},
            # The story's own prose cites its source sentence by sentence, as `check` requires.
            "highlights": [
                {"text": self.words(8) + ".[^source-0]", "added": f"2013-12-31T{9 + i:02d}:00:00Z"} for i in range(4)
            ],
            "updates": [{"at": f"2013-12-31T{9 + i:02d}:00:00Z", "text": self.words(6)} for i in range(4)],
            "sides": [{"id": side, "label": side.capitalize()} for side in SIDES],
            "metrics": [
                {"id": "deaths", "label": "People killed", "unit": "deaths"},
                {"id": "displaced", "label": "People displaced", "unit": "people"},
            ],
            "key_metrics": ["deaths"],
            "seniority": [
                {
                    "id": "officer",
                    "label": "officer",
                    "grades": [{"id": g, "label": g.replace("-", " ")} for g in ("captain", "colonel", "general")],
                },
                {
                    "id": "diplomat",
                    "label": "diplomat",
                    "grades": [{"id": g, "label": g.replace("-", " ")} for g in ("attache", "ambassador")],
                },
            ],
        }

    def sources(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"source-{i}",
                "publisher": f"Publisher {i % 40}",
                "title": self.words(6),
                "url": f"https://example.org/news/{i}",
                "date": self.day(),
                "kind": "article",
                "publisher_type": "newspaper",
            }
            for i in range(self.n)
        ]

    def actors(self) -> list[dict[str, Any]]:
        records = []
        for i in range(self.n):
            others = self.pick("actor", self.n, 2)
            record: dict[str, Any] = {
                "id": f"actor-{i}",
                "name": f"Actor {i} {self.rng.choice(WORDS).capitalize()}",
                "kind": self.rng.choice(KINDS),
                "short": self.words(4),
                "description": f"{self.words(12)}; close to [[{others[0]}]].",
                "side": self.rng.choice(SIDES),
                "roles": [{"title": self.words(3), "organization": others[-1], "start": self.day()[:7]}],
                "sources": self.pick("source", self.n, 2),
            }
            if i % 10 == 0 and others[0] != f"actor-{i}":
                record["relations"] = [
                    {
                        "kind": self.rng.choice(["backs", "opposes"]),
                        "target": others[0],
                        "sources": self.pick("source", self.n),
                    }
                ]
            records.append(record)
        return records

    def events(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"event-{i}",
                "date": self.day(),
                "title": self.words(5),
                "kind": "meeting",
                "description": f"{self.words(10)} with [[{self.pick('actor', self.n)[0]}]].",
                "actors": self.pick("actor", self.n, 3),
                # One event in ten is a turning point: the story so far picks from many, as on a long story.
                "milestone": i % 10 == 0,
                "sources": self.pick("source", self.n, 2),
            }
            for i in range(2 * self.n)
        ]

    def defections(self) -> list[dict[str, Any]]:
        records = []
        for i in range(max(1, self.n // 5)):
            track, grades = self.rng.choice(
                [("officer", ["captain", "colonel", "general"]), ("diplomat", ["attache", "ambassador"])]
            )
            records.append(
                {
                    "id": f"defection-{i}",
                    "actor": f"actor-{self.rng.randrange(self.n)}",
                    "date": self.day(),
                    "left": [{"role": self.words(2), "organization": "actor-1"}],
                    "seniority": [{"track": track, "grade": self.rng.choice(grades)}],
                    "went_to": self.words(3),
                    "sources": self.pick("source", self.n),
                }
            )
        return records

    def council(self) -> list[str]:
        return [f"actor-{i}" for i in range(2, 17)]  # fifteen seats, the first five permanent

    def memberships(self) -> list[dict[str, Any]]:
        seats = self.council()
        return [
            {
                "id": f"council-{year}",
                "body": "actor-1",
                "year": year,
                "permanent": seats[:5],
                "elected": seats[5:],
                "sources": ["source-0"],
            }
            for year in range(2010, 2010 + YEARS)
        ]

    def documents(self) -> list[dict[str, Any]]:
        seats = self.council()
        records = []
        for i in range(max(1, self.n // 50)):
            shuffled = self.rng.sample(seats, len(seats))
            yes, no, abstain = shuffled[:10], shuffled[10:12], shuffled[12:]
            vetoed = any(member in seats[:5] for member in no)
            records.append(
                {
                    "id": f"draft-{i}",
                    "kind": "draft-resolution",
                    "symbol": f"S/{2010 + i % YEARS}/{i}",
                    "title": f"Draft {i}: {self.words(3)}",
                    "body": "actor-1",
                    "sponsors": self.pick("actor", self.n, 3),
                    "tabled": self.day(),
                    "provisions": [self.words(10), self.words(8)],
                    "chapter_vii": bool(i % 2),
                    "status": "vetoed" if vetoed else "adopted",
                    "vote": {
                        "date": f"{2010 + i % YEARS}-06-15",
                        "members": {"yes": sorted(yes), "no": sorted(no), "abstain": sorted(abstain)},
                    },
                    "sources": self.pick("source", self.n),
                }
            )
        return records

    def figures(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"figure-{i}",
                "metric": self.rng.choice(["deaths", "displaced"]),
                "value": self.rng.randrange(100, 100_000),
                "qualifier": self.rng.choice(["exactly", "more-than", "about", "at-least"]),
                "as_of": self.day(),
                "claimed_by": f"actor-{self.rng.randrange(self.n)}",
                "sources": self.pick("source", self.n),
            }
            for i in range(max(2, self.n // 2))
        ]

    def quotes(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"quote-{i}",
                "speaker": f"actor-{self.rng.randrange(self.n)}",
                "text": self.words(14),
                "date": self.day(),
                "context": f"Speaking after [[event-{self.rng.randrange(2 * self.n)}]].",
                "sources": self.pick("source", self.n),
            }
            for i in range(self.n)
        ]

    def missions(self) -> list[dict[str, Any]]:
        return [
            {
                "id": "mission-0",
                "actor": "actor-3",
                "mandates": [
                    {"start": "2011-01-01", "end": "2011-06-30", "description": self.words(8)},
                    {"start": "2011-07-01", "end": "2011-12-31", "description": self.words(8)},
                ],
                "sources": ["source-1"],
            }
        ]

    def plans(self) -> list[dict[str, Any]]:
        return [
            {
                "id": "plan-0",
                "name": "Peace plan",
                "by": "actor-4",
                "date": "2011-03-01",
                "points": [self.words(8) for _ in range(6)],
                "sources": ["source-2"],
            }
        ]

    def glossary(self) -> list[dict[str, Any]]:
        return [
            {"id": f"term-{i}", "term": f"T{i}X", "expansion": self.words(3), "definition": self.words(10)}
            for i in range(10)
        ]


def write(actors: int, out: Path) -> None:
    story = Story(actors)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    dump(out / "story.yml", story.story())
    kinds = {
        "sources": story.sources,
        "actors": story.actors,
        "events": story.events,
        "defections": story.defections,
        "memberships": story.memberships,
        "documents": story.documents,
        "figures": story.figures,
        "quotes": story.quotes,
        "missions": story.missions,
        "plans": story.plans,
        "glossary": story.glossary,
    }
    for kind, make in kinds.items():
        records = make()
        folder = out / kind
        folder.mkdir()
        for start in range(0, len(records), PER_FILE):
            dump(folder / f"{start // PER_FILE:03d}.yml", records[start : start + PER_FILE])


def dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.actors, args.out)
    print(f"wrote a synthetic story with {args.actors} actors to {args.out}")


if __name__ == "__main__":
    main()
