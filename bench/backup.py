"""Time and peak memory of export_archive and import_archive as the archive grows.

    .venv/bin/python bench/backup.py [ARTICLES ...]      (default: 2000 20000)

For each size, builds a synthetic SQLite archive (stories made of the sample
pages' paragraphs, 20 a page, 8 pages an issue, two bylines each), exports
it, restores it into a fresh SQLite file (which includes rebuilding the
search index) and prints each command's wall time and peak resident memory.
Streaming keeps the export's memory flat however many articles there are.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GENERATE = """
import datetime as dt
from pathlib import Path
from archive.models import Article, Byline, Issue, Page, Person
n = %d
lines = [l.strip() for f in sorted(Path("archive/sample_data").glob("*.txt"))
         for l in f.read_text(encoding="utf-8").splitlines() if len(l.strip()) > 30]
people = Person.objects.bulk_create(Person(name=f"记者{i}", slug=f"reporter-{i}") for i in range(200))
day, made = dt.date(2020, 1, 1), 0
while made < n:
    issue = Issue.objects.create(date=day)
    for number in range(1, 9):
        page = Page.objects.create(issue=issue, number=number, name=f"第{number}版", raw_text="\\n".join(lines[:40]))
        count = min(20, n - made)
        stories = Article.objects.bulk_create(Article(
            page=page, order=o, headline=lines[(made + o) %% len(lines)][:40], status="published",
            body=[{"type": "paragraph", "text": lines[(made + o + k) %% len(lines)]} for k in range(4)])
            for o in range(1, count + 1))
        Byline.objects.bulk_create(Byline(article=a, person=people[(a.order + k) %% 200], role=role, order=k)
                                   for a in stories for k, role in enumerate(("reporter", "correspondent")))
        made += count
        if made >= n:
            break
    day += dt.timedelta(days=1)
"""


def run(args: list[str], env: dict) -> tuple[float, float]:
    """Run manage.py ``args``; (seconds, peak resident MB) of that process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    if status:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed ({status})")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def measure(articles: int, work: Path) -> str:
    base = {**os.environ, "SECRET_KEY": "bench-only", "MEDIA_ROOT": str(work / "media")}
    source = {**base, "DATABASE_URL": f"sqlite:///{work / 'source.sqlite3'}"}
    target = {**base, "DATABASE_URL": f"sqlite:///{work / 'restored.sqlite3'}", "MEDIA_ROOT": str(work / "restored-media")}
    for env in (source, target):
        run(["migrate", "-v0"], env)
    run(["shell", "-c", GENERATE % articles], source)
    export_s, export_mb = run(["export_archive", str(work / "backup")], source)
    size_mb = sum(p.stat().st_size for p in (work / "backup").rglob("*") if p.is_file()) / 2**20
    import_s, import_mb = run(["import_archive", str(work / "backup")], target)
    return f"| {articles:,} | {size_mb:.1f} | {export_s:.1f} | {export_mb:.0f} | {import_s:.1f} | {import_mb:.0f} |"


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 20000]
    print("| articles | backup MB | export s | export peak MB | import s (incl. search index) | import peak MB |")
    print("|---|---|---|---|---|---|")
    for articles in sizes:
        with tempfile.TemporaryDirectory(prefix="archive-backup-bench-") as work:
            print(measure(articles, Path(work)), flush=True)


if __name__ == "__main__":
    main()
