"""The 54 real feeds of ``../shared/corpus/real-feeds`` through the store and the CLI.

tests/test_ingest_corpus.py checks item counts, non-UTF-8 titles and the two
parse paths; here every feed goes through ``reader inspect --json`` in one
in-process run, into a store through ``reader refresh``, and out through
``reader list``: decoded text, or a one-line reason, never a traceback.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from reader import cli
from reader.ingest import load_path
from reader.store import Store

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real-feeds"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared real-feeds corpus absent")

NON_UTF8 = {
    # file: text read by hand from the raw bytes in their declared or actual encoding
    "cercle_psy_latin1_nodecl.xml": "é",
    "golem_de_iso8859-1.xml": "Red Dead Redemption 2",
    "jn_pt_iso8859-1.rss": "Mãe de utente",
    "uol_noticias_nodecl.rss": "simulações",
    "yandex_news_windows-1251.xml": "В Бузулуке",
    "ibash_windows-1251.xml": "Цитата",
    "qq_tech_gb2312.xml": "盛大游戏",
    "kc0011_gb2312.rss": "华表",
    "rdf_iso8859-1.xml": "",
    "dicas_l_rss091_iso8859-1.xml": "Expansão",
    "compressed_gzip.xml.gz": "В Бузулуке",
}


def manifest() -> list[dict[str, str]]:
    if not REAL.is_dir():
        return []
    with (REAL / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_manifest_lists_every_file() -> None:
    files = {p.name for p in REAL.iterdir() if p.is_file()} - {"MANIFEST.tsv"}
    assert {row["file"] for row in manifest()} == files
    assert len(files) == 54


@pytest.mark.parametrize("name", sorted(NON_UTF8))
def test_non_utf8_feeds_decode_without_replacement_characters(name: str) -> None:
    (result,) = load_path(REAL / name)
    assert result.articles, result.error
    titles = " ".join(a.title for a in result.articles)
    texts = " ".join(a.text for a in result.articles)
    assert "\ufffd" not in titles + texts
    assert NON_UTF8[name] in titles + texts
    # Mojibake of UTF-8 read as Latin-1 (Ã©, Ð\x9f) would show these pairs.
    assert "Ã" not in titles and "Ð" not in titles


def test_inspect_json_on_every_real_feed(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(REAL / row["file"]) for row in manifest()]
    assert cli.main(["inspect", "--json", *paths]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    expected = sum(int(row["items"]) for row in manifest() if not row["file"].endswith(".json"))
    assert len(records) >= expected
    errors = err.splitlines()
    # The truncated Reuters feed and the partly broken phys.org one are reported.
    assert any("reuters_mostread_invalid.xml" in line for line in errors)
    assert all(line.startswith("reader: ") and "Traceback" not in line for line in errors)


def test_refresh_and_list_every_real_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    toml = tmp_path / "feeds.toml"
    toml.write_text("".join(
        f'[[feed]]\ntitle = "{row["file"]}"\npath = "{REAL / row["file"]}"\n\n'
        for row in manifest()
    ))
    db = tmp_path / "db.sqlite"
    args = ["--config", str(toml), "--db", str(db)]
    assert cli.main([*args, "refresh"]) == 0
    err = capsys.readouterr().err
    assert "54 sources" in err and "1 failed" in err  # the truncated Reuters feed
    assert "reuters_mostread_invalid.xml" in err
    assert cli.main([*args, "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) > 1500
    with Store(db) as store:
        states = {s.title: s for s in store.feed_states().values()}
        # Partly broken: the error is recorded and the items it could read are kept.
        physorg = states["physorg_nodecl.rss"]
        assert physorg.last_error and "not well-formed" in physorg.last_error
        assert physorg.total == 30
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
