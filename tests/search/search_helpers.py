"""Truth for search tests: what a LIKE "contains every word" scan would return, computed in Python."""
from archive.models import Article


def article_plain_text(article: Article) -> str:
    """Title lines, body, captions and credited names, as a reader could find them on the page."""
    parts = [article.kicker, article.headline, article.subheadline]
    parts += [block["text"] for block in article.body]
    parts += [photo.caption for photo in article.photos.all()]
    parts += [byline.person.name for byline in article.bylines.all()]
    return "\n".join(parts).lower()


def texts_by_id() -> dict[int, str]:
    articles = Article.objects.prefetch_related("photos", "bylines__person")
    return {a.pk: article_plain_text(a) for a in articles}


def truth(texts: dict[int, str], words: list[str]) -> set[int]:
    return {pk for pk, text in texts.items() if all(w.lower() in text for w in words)}
