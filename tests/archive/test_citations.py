"""Citation forms of a printed story (archive/citations.py, no database)."""
import datetime as dt

import bibtexparser
import rispy

from archive.citations import CitedStory, apa, bibtex, caption_title, gbt7714, ris

URL = "http://127.0.0.1:8000/2025/07/08/3/2/"


def story(**fields) -> CitedStory:
    base = {"publication": "郑州日报", "date": dt.date(2025, 7, 8), "page": 3, "url": URL}
    return CitedStory(**{**base, **fields})


CREDITED = story(headline="郑东新区召开防汛会商会议", authors=("刘伟平", "景静"))
FOUR_AUTHORS = story(
    kicker="聚焦城市更新", headline="老旧小区改造惠及万户居民", subheadline="今年已完工六十个小区",
    authors=("王磊", "李响", "张建华", "赵文"),
)
UNCREDITED = story(headline="市政府召开常务会议")
PHOTO = story(
    caption="7月7日，市民在如意湖畔观看灯光秀，现场人头攒动，欢声笑语不断。",
    authors=("马健",),
)


def test_gbt7714_gives_authors_title_n_paper_date_and_page():
    assert gbt7714(CREDITED) == "刘伟平, 景静. 郑东新区召开防汛会商会议[N]. 郑州日报, 2025-07-08(3)."


def test_gbt7714_lists_three_authors_then_deng_and_adds_the_subheadline_after_a_colon():
    assert gbt7714(FOUR_AUTHORS) == (
        "王磊, 李响, 张建华, 等. 老旧小区改造惠及万户居民:今年已完工六十个小区[N]. 郑州日报, 2025-07-08(3)."
    )


def test_gbt7714_without_credit_starts_with_the_title():
    assert gbt7714(UNCREDITED) == "市政府召开常务会议[N]. 郑州日报, 2025-07-08(3)."


def test_photo_item_is_titled_by_its_caption_cut_at_a_clause_with_an_ellipsis():
    assert gbt7714(PHOTO) == "马健. 7月7日，市民在如意湖畔观看灯光秀，现场人头攒动…[N]. 郑州日报, 2025-07-08(3)."


def test_short_caption_is_the_whole_title_without_its_full_stop():
    assert caption_title("郑州东站夜景。") == "郑州东站夜景"


def test_caption_without_clause_ends_is_cut_at_the_limit():
    assert caption_title("郑" * 45) == "郑" * 30 + "…"


def test_apa_names_every_author_with_an_ampersand_before_the_last():
    assert apa(FOUR_AUTHORS) == (
        "王磊, 李响, 张建华, & 赵文. (2025, July 8). 老旧小区改造惠及万户居民:今年已完工六十个小区. "
        f"郑州日报, 3. {URL}"
    )


def test_apa_without_authors_puts_the_title_first():
    assert apa(UNCREDITED) == f"市政府召开常务会议. (2025, July 8). 郑州日报, 3. {URL}"


def test_apa_does_not_add_a_full_stop_after_an_ellipsis():
    assert apa(PHOTO).startswith("马健. (2025, July 8). 7月7日，市民在如意湖畔观看灯光秀，现场人头攒动… 郑州日报")


def test_ris_record_reads_back_with_every_author_and_the_newspaper():
    [entry] = rispy.loads(ris(FOUR_AUTHORS))
    assert entry["type_of_reference"] == "NEWS"
    assert entry["authors"] == ["王磊", "李响", "张建华", "赵文"]
    assert entry["title"] == "老旧小区改造惠及万户居民:今年已完工六十个小区"
    assert entry["secondary_title"] == "郑州日报"
    assert entry["start_page"] == "3"
    assert entry["date"] == "2025/07/08"
    assert entry["urls"] == [URL]


def test_bibtex_entry_parses_with_authors_joined_by_and():
    library = bibtexparser.parse_string(bibtex(CREDITED))
    assert not library.failed_blocks
    [entry] = library.entries
    assert entry.entry_type == "article"
    assert entry["author"] == "刘伟平 and 景静"
    assert entry["journal"] == "郑州日报"
    assert entry["date"] == "2025-07-08"
    assert entry["url"] == URL


def test_bibtex_escapes_characters_that_would_break_the_entry():
    entry = bibtexparser.parse_string(bibtex(story(headline="增长50%{以上}_#1"))).entries[0]
    assert entry["title"] == r"增长50\%\{以上\}\_\#1"
