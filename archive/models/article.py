"""Articles (stories and stand-alone pictures) and the photos that belong to them."""
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ARTICLE = "article", _("文章")
    PHOTO = "photo", _("图片新闻")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


# The review queue's condition, shared by the queryset and the partial index
# that keeps counting the queue cheap however large the archive grows.
REVIEW_OPEN = models.Q(warning_count__gt=0, checked_at__isnull=True)


def published_q(prefix: str = "", *, now=None) -> models.Q:
    """What the public may see: published, and its publication time has come.

    The one definition of "public" (``prefix`` reaches it across relations,
    e.g. ``"pages__articles__"``): site pages, caches' validators, feeds,
    sitemap, search and the API all filter with it, so an article scheduled
    for a later time stays hidden everywhere until then without a cron job.
    A published article without a time (older rows) counts as public.
    """
    moment = now or timezone.now()
    due = models.Q(**{f"{prefix}published_at__isnull": True}) | models.Q(**{f"{prefix}published_at__lte": moment})
    return models.Q(**{f"{prefix}status": Status.PUBLISHED}) & due


def scheduled_q(prefix: str = "", *, now=None) -> models.Q:
    """Published but not yet public: its publication time is still to come (定时发布)."""
    return models.Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__gt": now or timezone.now()})


def article_url(date, page_number: int, order: int) -> str:
    """The public path of the ``order``-th story on page ``page_number`` of ``date``'s issue (for rows read as values)."""
    kwargs = {"year": date.year, "month": f"{date.month:02d}", "day": f"{date.day:02d}", "page": page_number, "order": order}
    return reverse("archive:article", kwargs=kwargs)


class ArticleQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """Articles the public may see at ``now`` (default: this moment); see :func:`published_q`."""
        return self.filter(published_q(now=now))

    def scheduled(self, *, now=None):
        """Articles set to become public after ``now``; see :func:`scheduled_q`."""
        return self.filter(scheduled_q(now=now))

    def needs_review(self):
        """Articles whose parser warnings no editor has checked yet (the review queue)."""
        return self.filter(REVIEW_OPEN)

    def reviewed(self):
        return self.filter(warning_count__gt=0, checked_at__isnull=False)


class ArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        # A page's raw_text can be megabytes: an article query that joins its
        # page (select_related) never loads it. Without the join this is a no-op.
        return super().get_queryset().defer("page__raw_text")


class Article(models.Model):
    """An item printed on a page: a story (``article``) or a stand-alone picture (``photo``).

    ``body`` is an ordered list of blocks, each ``{"type": "paragraph" | "subhead",
    "text": str}``. ``warnings`` holds what the parser guessed, as
    ``{"code", "message", "detail"}`` dicts, for the editor to check;
    ``warning_count`` is their number, stored so lists can sort and filter by
    it on any database. ``checked_by``/``checked_at`` record the editor who
    checked the warnings; ``parse_digest`` identifies the parse they checked,
    so a re-import that parses the item the same way keeps it checked.
    ``order`` is the 1-based printed position on the page and part of the URL.
    """

    page = models.ForeignKey("archive.Page", on_delete=models.CASCADE, related_name="articles", verbose_name=_("版面"))
    order = models.PositiveSmallIntegerField(_("版内顺序"))
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=Kind.ARTICLE)
    section = models.ForeignKey(
        "archive.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("栏目"),
    )
    kicker = models.CharField(_("引题"), max_length=300, blank=True)
    headline = models.CharField(_("主标题"), max_length=300, blank=True)
    subheadline = models.CharField(_("副题"), max_length=300, blank=True)
    dateline = models.CharField(_("电头"), max_length=50, blank=True)
    body = models.JSONField(_("正文"), default=list, blank=True)
    photo_by_byline = models.BooleanField(_("文图同署"), default=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    warnings = models.JSONField(_("解析提示"), default=list, blank=True)
    warning_count = models.PositiveSmallIntegerField(_("提示数"), default=0, editable=False)
    parse_digest = models.CharField(_("解析摘要"), max_length=64, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("核对人"),
    )
    checked_at = models.DateTimeField(_("核对时间"), null=True, blank=True, editable=False)
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    edited_at = models.DateTimeField(_("编辑修改时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["page__issue__date", "page__number", "order"]
        constraints = [
            models.UniqueConstraint(fields=["page", "order"], name="article_unique_order_per_page"),
            models.CheckConstraint(condition=models.Q(order__gte=1), name="article_order_positive"),
        ]
        indexes = [
            models.Index(fields=["status", "kind"], name="article_status_kind_idx"),
            models.Index(fields=["section", "status"], name="article_section_status_idx"),
            models.Index(fields=["page"], condition=REVIEW_OPEN, name="article_review_open_idx"),
            # Search facets group thousands of matched ids by section and kind:
            # read from this narrow index rather than the rows, which hold whole
            # bodies (archive/search/index/facets.py).
            models.Index(fields=["id", "section", "kind"], name="article_facets_idx"),
        ]
        verbose_name = _("文章")
        verbose_name_plural = _("文章")

    def __str__(self) -> str:
        return self.title or (self.first_caption or "")[:30] or f"#{self.pk}"

    @property
    def title(self) -> str:
        """The printed title lines joined with spaces, for lists and the admin."""
        return " ".join(t for t in (self.kicker, self.headline, self.subheadline) if t)

    @property
    def first_caption(self) -> str:
        photo = next(iter(self.photos.all()), None)
        return photo.caption if photo else ""

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def get_absolute_url(self) -> str:
        return article_url(self.page.issue.date, self.page.number, self.order)


class Photo(models.Model):
    """A picture belonging to an article (a stand-alone picture is a ``photo`` article).

    ``credit`` is kept as printed; ``photographer`` links the credited person.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos", verbose_name=_("文章"))
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    image = models.ImageField(_("图片"), upload_to="photos/%Y/%m/", blank=True)
    caption = models.TextField(_("图片说明"), blank=True)
    credit = models.CharField(_("署名（原文）"), max_length=200, blank=True)
    photographer = models.ForeignKey(
        "archive.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("摄影者"),
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("图片")
        verbose_name_plural = _("图片")

    def __str__(self) -> str:
        return (self.caption or self.credit or str(_("图片")))[:40]
