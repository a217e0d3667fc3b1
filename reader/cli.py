"""The ``reader`` command: the TUI by default, and headless subcommands for scripts and tests."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from reader import __version__
from reader.config import Config, ConfigError, find_config, load_config
from reader.errors import ReaderError
from reader.models import Article, Entities
from reader.paths import default_db_path
from reader.sanitize import sanitize_line
from reader.store import CorruptDatabase, Store, open_store
from reader.timespan import parse_since

EPILOG = """\
examples:
  reader                         browse your feeds in the terminal
  reader refresh                 fetch every feed, with progress and an error summary
  reader list --unread --json    unread articles as JSON lines
  reader list --since 7d         articles from the last seven days
  reader inspect article.txt     people and sources of a file, without touching the store
  reader mark read ID...         mark articles read
  reader import subs.opml        add the feeds of another reader (OPML or newsboat urls)
  reader --config my.toml --db /tmp/r.db refresh
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal news reader that shows who a story is about and who it cites.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument("--config", metavar="PATH", help="feeds.toml to use")
    parser.add_argument("--db", metavar="PATH", help="SQLite database to use")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("tui", help="browse in the terminal UI (the default)")
    refreshing = commands.add_parser("refresh", help="update every source")
    refreshing.add_argument(
        "--index",
        action="store_true",
        help="also index the new articles for search and people/sources now (otherwise the "
        "app does it in the background, and `reader list --follow/--search` when needed)",
    )
    syncing = commands.add_parser(
        "sync", help="sync subscriptions and read/starred state with the [sync] server"
    )
    syncing.add_argument("--subscribe", metavar="URL", help="subscribe on the server first")
    syncing.add_argument("--category", metavar="NAME", help="the category to subscribe in")
    syncing.add_argument(
        "--unsubscribe", metavar="FEED", help="unsubscribe on the server first (url or title)"
    )
    syncing.add_argument(
        "--no-index", action="store_true", help="leave indexing the new articles to later"
    )
    commands.add_parser("index", help="index stored articles for search, people and sources")
    listing = commands.add_parser("list", help="list stored articles")
    listing.add_argument("--unread", action="store_true", help="only unread articles")
    listing.add_argument("--starred", action="store_true", help="only starred articles")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--follow", metavar="NAME", help="only articles mentioning NAME")
    listing.add_argument("--search", metavar="WORDS", help="full-text search")
    listing.add_argument(
        "--since", metavar="WHEN", help="only articles from then on: 24h, 7d, 2w or 2026-11-01"
    )
    inspect = commands.add_parser("inspect", help="parse files without touching the store")
    inspect.add_argument("paths", nargs="+", metavar="PATH")
    inspect.add_argument("--json", action="store_true", help="one JSON object per article")
    mark = commands.add_parser("mark", help="mark articles read or unread")
    mark.add_argument("state", choices=["read", "unread"])
    mark.add_argument(
        "ids", nargs="+", metavar="ID", help="an article's id, or its #key (list --json)"
    )
    for name, what in (
        ("import-opml", "an OPML file"),
        ("import", "an OPML file, a newsboat urls or newsraft feeds file, or a list of URLs"),
    ):
        importer = commands.add_parser(name, help=f"add the feeds of {what} to feeds.toml")
        importer.add_argument("file", metavar="FILE")
    commands.add_parser("export-opml", help="print the feed list as OPML 2.0")
    add = commands.add_parser(
        "add", help="add a feed by URL (a page's advertised feed is found), or a local file "
        "or folder; offline, a URL is added unchecked"
    )
    add.add_argument("url", metavar="URL|PATH")
    add.add_argument("--title", help="title to show instead of the feed's own")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    remove = commands.add_parser(
        "remove", help="remove a feed (by url, path or title) and its unstarred articles"
    )
    remove.add_argument("key", metavar="FEED")
    rename = commands.add_parser("rename", help="rename a feed")
    rename.add_argument("key", metavar="FEED")
    rename.add_argument("title", metavar="TITLE")
    retag = commands.add_parser("retag", help="replace a feed's tags")
    retag.add_argument("key", metavar="FEED")
    retag.add_argument("tags", nargs="*", metavar="TAG")
    commands.add_parser("doctor", help="show where config, data and cache live")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # httpcore imports trio whenever it is installed (~125 ms) although reader
    # never runs under trio; this process is ours, so skip that import.
    sys.modules.setdefault("trio", None)  # type: ignore[arg-type]
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ReaderError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _db_path(args: argparse.Namespace, config: Config) -> Path:
    if args.db:
        return Path(args.db).expanduser()
    if config.settings.db:
        return (config.path.parent / Path(config.settings.db).expanduser()).resolve()
    return default_db_path()


def _run(args: argparse.Namespace) -> int:
    command = args.command or "tui"
    if command == "inspect":
        return _inspect(args.paths, as_json=args.json)
    config, problem = _config(args.config, command)
    for warning in config.warnings:
        print(f"reader: {warning}", file=sys.stderr)
    db_path = _db_path(args, config)
    try:
        return _command(command, args, config, db_path, problem)
    except CorruptDatabase as exc:
        # Damage found in use, not only on opening: set the file aside and rebuild.
        from reader.store import recover

        print(f"reader: {recover(db_path, str(exc))}; run the command again", file=sys.stderr)
        return 2


def _command(
    command: str, args: argparse.Namespace, config: Config, db_path: Path, problem: str | None
) -> int:
    if command == "tui":
        return _tui(config, db_path)
    if command == "refresh":
        return _refresh(config, db_path, index=args.index)
    if command == "sync":
        from reader.sync.cli import run_sync

        _open(db_path).close()
        return run_sync(config, db_path, args)
    if command == "index":
        return _index(db_path, config.settings.extractor)
    if command == "list":
        return _list(config, db_path, args)
    if command == "mark":
        return _mark(db_path, args.ids, args.state == "read")
    if command in ("import", "import-opml"):
        return _import(config, Path(args.file))
    if command == "export-opml":
        from reader.opml import export_opml

        sys.stdout.write(export_opml(config.feeds))
        local = [feed for feed in config.feeds if not feed.url]
        if local:
            names = ", ".join(f"{sanitize_line(feed.title)} ({feed.path})" for feed in local)
            print(f"reader: left out {plural(len(local), 'local feed')} (OPML lists web feeds): "
                  f"{names}", file=sys.stderr)
        return 0
    if command == "doctor":
        return _doctor(config, db_path, problem)
    if command == "add":
        return _add(config, args.url, args.title, args.tag)
    if command in ("remove", "rename", "retag"):
        return _edit(config, db_path, command, args)
    raise AssertionError(command)


STORE_ONLY = frozenset({"list", "mark", "index", "doctor"})
"""Commands that still work on the database when feeds.toml is broken."""


def _config(explicit: str | None, command: str) -> tuple[Config, str | None]:
    """The config, or for a command that needs only the database, when the file is broken,
    an empty one and the one-line problem (said on stderr at once)."""
    try:
        return load_config(explicit), None
    except ConfigError as exc:
        if command not in STORE_ONLY:
            raise
        path = find_config(explicit)
        print(f"reader: {exc} (ignored by `reader {command}`)", file=sys.stderr)
        return Config(path=path), str(exc)


def _tui(config: Config, db_path: Path) -> int:
    """Run the app; damage it meets in the store is repaired and the app started again."""
    from reader.store import recover
    from reader.ui.app import ReaderApp

    store, notice = open_store(db_path)  # a corrupt file is moved aside and rebuilt
    store.close()
    while True:
        app = ReaderApp(config, db_path, notice=notice)
        app.run()
        if app.damage is None:
            return app.return_code or 0
        if notice is not None:  # damaged again straight after a rebuild: stop here
            print(f"reader: {app.damage}", file=sys.stderr)
            return 2
        notice = recover(db_path, str(app.damage))


def _index(db_path: Path, extractor: str = "rules", *, quiet: bool = False) -> int:
    """Index what is not indexed yet; ``quiet``: say so on stderr only if there is any."""
    from reader.refresh import index_pending, worker_pool

    with _open(db_path) as store:
        pending = store.unindexed()
        if quiet and not pending:
            return 0
        _extractor_notice(extractor)
        if quiet:
            print(f"reader: indexing {plural(pending, 'new article')} first", file=sys.stderr)
        with worker_pool(pending) as pool:
            count = index_pending(store, pool, extractor)
    if not quiet:
        print(f"{plural(count, 'article')} indexed")
    return 0


def _refresh(config: Config, db_path: Path, *, index: bool) -> int:
    from rich.console import Console
    from rich.progress import Progress, TextColumn

    from reader.refresh import RefreshProgress, refresh

    if index:
        _extractor_notice(config.settings.extractor)
    console = Console(stderr=True)
    # The description is a feed's title: shown as text, never parsed as markup.
    description = TextColumn("{task.description}", markup=False, style="progress.description")
    columns = (description, *Progress.get_default_columns()[1:])
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Refreshing", total=len(config.feeds))

        def report(update: RefreshProgress) -> None:
            title = sanitize_line(update.feed.title)[:40]
            progress.update(task, completed=update.done, description=title)

        _open(db_path).close()
        summary = refresh(config, db_path, on_progress=report, index=index)
    console.print(
        f"{plural(summary.total, 'source')}, {summary.new:,} new or changed "
        f"article{'' if summary.new == 1 else 's'}, {len(summary.failed)} failed",
        markup=False, highlight=False,
    )
    for title, error in summary.failed + summary.notes:
        console.print(
            f"  {sanitize_line(title)}: {sanitize_line(error)}", markup=False, soft_wrap=True
        )
    return 1 if summary.all_failed else 0


def _extractor_notice(extractor: str) -> None:
    """Say in one line when the chosen extractor falls back to the rules."""
    from reader.entities import extractor_problem

    problem = extractor_problem(extractor)
    if problem:
        print(f"reader: {problem}", file=sys.stderr)


def _open(db_path: Path) -> Store:
    """The store, recovered if corrupt (the user is told on stderr)."""
    store, notice = open_store(db_path)
    if notice:
        print(f"reader: {notice}", file=sys.stderr)
    return store


def _list(config: Config, db_path: Path, args: argparse.Namespace) -> int:
    since = parse_since(args.since, time.time()) if args.since else None
    if args.follow or args.search:
        _index(db_path, config.settings.extractor, quiet=True)  # what a refresh left to do
    with _open(db_path) as store:
        follow = store.names_like(args.follow) if args.follow else None
        if args.follow and not follow:
            print(f"reader: nobody called {args.follow!r} in the store", file=sys.stderr)
            return 1
        rows = store.rows(
            unread_only=args.unread, starred_only=args.starred, follow=follow,
            search=args.search, since=since,
        )
    out = sys.stdout
    for row in rows:
        published = (
            datetime.fromtimestamp(row.published, UTC).isoformat() if row.published else None
        )
        if args.json:
            record = {
                "key": row.rowid, "id": row.id, "title": row.title, "feed": row.feed_title,
                "published": published, "read": row.read, "starred": row.starred,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            flags = (" " if row.read else "N") + ("*" if row.starred else " ")
            date = published[:10] if published else " " * 10
            out.write(
                f"{flags} {date}  {sanitize_line(row.feed_title)[:24]:<24}  "
                f"{sanitize_line(row.title)}  [{sanitize_line(row.id)}]\n"
            )
    return 0


def _mark(db_path: Path, ids: list[str], read: bool) -> int:
    """Mark articles by id, or by key (``#12``, from ``list --json``) when two feeds
    use the same id."""
    problems = []
    with _open(db_path) as store:
        keys = []
        for given in ids:
            if given.startswith("#") and given[1:].isdigit():
                found = [int(given[1:])] if store.article(int(given[1:])) else []
            else:
                found = store.keys_of(given)
            if not found:
                problems.append(f"no article with id {given!r}")
            elif len(found) > 1:
                shown = ", ".join(f"#{key}" for key in found)
                problems.append(f"{len(found)} feeds have an article {given!r}: use {shown}")
            else:
                keys.extend(found)
        changed = store.set_read(keys, read)
    for problem in problems:
        print(f"reader: {problem}", file=sys.stderr)
    print(f"{changed} marked {'read' if read else 'unread'}")
    return 1 if problems else 0


def _import(config: Config, file: Path) -> int:
    from reader.feeds_file import add_feeds, writable_config
    from reader.imports import read_feed_list

    found = read_feed_list(file)
    for note in found.skipped:
        print(f"reader: skipped {note}", file=sys.stderr)
    target = writable_config(config.path)
    added = add_feeds(target, found.feeds)
    new = {feed.id for feed in added}
    for feed in found.feeds:
        if feed.id not in new:
            print(f"reader: skipped {sanitize_line(feed.title)} ({feed.id}): already in {target}",
                  file=sys.stderr)
    skipped = len(found.feeds) - len(added) + len(found.skipped)
    print(f"{len(added)} of {len(found.feeds)} feeds added to {target}"
          + (f"; {skipped} skipped (named above)" if skipped else ""))
    return 0


def _add(config: Config, target: str, title: str | None, tags: list[str]) -> int:
    import httpx

    from reader.discover import find_feed
    from reader.feeds_file import add_feeds, writable_config
    from reader.ingest.fetch import make_client

    with make_client(timeout=config.settings.timeout) as client:
        try:
            found = find_feed(target, client)
        except httpx.InvalidURL as exc:  # what httpx refuses beyond url_problem's checks
            raise ReaderError(f"{target!r} is not a usable feed address: {exc}") from None
    feed = found.feed
    feed.title = sanitize_line(title or feed.title)
    feed.tags = tags
    target_file = writable_config(config.path)
    if found.warning:
        print(f"reader: {sanitize_line(found.warning)}", file=sys.stderr)
    if not add_feeds(target_file, [feed]):
        print(f"{sanitize_line(feed.id)} is already in {target_file}")
        return 0
    print(f"added {feed.title} ({sanitize_line(feed.id)}) to {target_file}")
    return 0


def _edit(config: Config, db_path: Path, command: str, args: argparse.Namespace) -> int:
    from reader.config import parse_config
    from reader.feeds_file import edit_feed, writable_config

    target = writable_config(config.path)
    if command == "remove":
        before = {feed.id for feed in parse_config(target).feeds}
        edit_feed(target, args.key, remove=True)
        gone = before - {feed.id for feed in parse_config(target).feeds}
        with _open(db_path) as store:
            deleted = store.forget_feeds(gone)
        print(f"removed {args.key} in {target}; {plural(deleted, 'stored article')} deleted "
              "(starred ones kept)")
        return 0
    elif command == "rename":
        edit_feed(target, args.key, title=args.title)
    else:
        edit_feed(target, args.key, tags=args.tags)
    done = {"remove": "removed", "rename": "renamed", "retag": "retagged"}[command]
    print(f"{done} {args.key} in {target}")
    return 0


def _doctor(config: Config, db_path: Path, config_problem: str | None) -> int:
    from reader.config import files_in_use
    from reader.paths import cache_dir
    from reader.ui.app import unknown_binding_ids

    for what, where in files_in_use(config.path, db_path):
        print(f"{what + ':':<9} {where}")
    print(f"feeds:    {plural(len(config.feeds), 'feed')} in the config")
    print(f"cache:    {cache_dir()}")
    problems = 0
    if config_problem:
        print(f"problem:  {config_problem}")
        problems += 1
    here = Path.cwd() / "feeds.toml"
    if here.is_file() and here.resolve() != config.path.resolve():
        print(f"note:     {here} is not read (only with --config {here.name})")
    unknown = unknown_binding_ids(config.keys)
    if unknown:
        print(f"problem:  {config.path}: unknown key binding ids in [keys]: "
              f"{', '.join(unknown)} (`?` in the app lists the ids)")
        problems += 1
    for feed in config.feeds:
        if feed.path and not Path(feed.path).exists():
            print(f"problem:  {sanitize_line(feed.title)}: {feed.path} does not exist")
            problems += 1
    if db_path.exists():
        with _open(db_path) as store:
            feeds, total, unread = store.counts()
            print(f"store:    {plural(feeds, 'feed')}, {plural(total, 'article')}, "
                  f"{unread:,} unread")
            for state in store.feed_states().values():
                if state.last_status.web_page and not state.last_error:
                    title = sanitize_line(state.title)
                    print(f"note:     {title}: a web page, not a feed (read as one article)")
                if state.last_error:
                    title = sanitize_line(state.title)
                    print(f"problem:  {title}: {sanitize_line(state.last_error)}")
                    problems += 1
    if config.sync is not None:
        from reader.sync.cli import check_sync

        problems += check_sync(config, db_path)
    print("no problems found" if not problems else plural(problems, "problem"))
    return 0


def plural(count: int, noun: str) -> str:
    """``1 feed``, ``2 feeds``, ``1,024 articles``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def article_record(article: Article, entities: Entities) -> dict[str, object]:
    """The JSON shape of ``reader inspect --json``: the text without its footnote marks,
    and the footnotes' URLs as ``links``."""
    from reader.html_text import split_links

    text, links = split_links(article.text)
    data = entities.to_json()
    sources = data["sources"]
    assert isinstance(sources, list)
    for source in sources:
        source.setdefault("kind", "person")
    return {
        "id": article.id,
        "path": article.path,
        "feed": article.feed_title or article.feed_id,
        "title": article.title,
        "section": article.section,
        "topic": article.topic,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "author": article.author,
        "text": text,
        "links": links,
        "people": data["people"],
        "sources": sources,
    }


def _inspect(paths: list[str], *, as_json: bool) -> int:
    from reader.entities import extract
    from reader.html_text import split_links
    from reader.ingest import load_path

    failures = 0
    found = 0
    for raw in paths:
        for result in load_path(Path(raw)):
            if result.error:
                print(f"reader: {sanitize_line(result.error)}", file=sys.stderr)
                failures += 1
            for article in result.articles:
                found += 1
                record = article_record(article, extract(split_links(article.text)[0]))
                if as_json:
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
                else:
                    _print_record(record)
    return 1 if failures and not found else 0


def _print_record(record: dict[str, object]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console()
    console.print(Text(str(record["title"]), style="bold"))
    meta = [str(record[k]) for k in ("section", "topic", "published", "url") if record.get(k)]
    if meta:
        console.print(Text(" · ".join(meta), style="dim"))
    for label in ("people", "sources"):
        entries = record[label]
        assert isinstance(entries, list)
        line = Text(f"{label.title()}: ", style="bold")
        for index, entry in enumerate(entries):
            if index:
                line.append(", ")
            line.append(entry["name"])
            extra = entry.get("kind") if label == "sources" else None
            count = len(entry["mentions"])
            line.append(f" ({extra + ', ' if extra else ''}{count}×)", style="dim")
        console.print(line)
    console.print()
