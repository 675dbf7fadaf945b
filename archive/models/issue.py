"""Issues (one per publication date) and their printed pages (版)."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Issue(models.Model):
    """One day's paper. There is at most one issue per date."""

    date = models.DateField(_("出版日期"), unique=True)
    number = models.PositiveIntegerField(_("期号"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-date"]
        get_latest_by = "date"
        verbose_name = _("期次")
        verbose_name_plural = _("期次")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        d = self.date
        return reverse(
            "archive:issue",
            kwargs={"year": d.year, "month": f"{d.month:02d}", "day": f"{d.day:02d}"},
        )


class PageManager(models.Manager):
    """Pages without ``raw_text``, which only provenance and re-parsing need.

    The text of a page can be megabytes; lists never need it. Reading
    ``page.raw_text`` still works (one query for that page); code that needs it
    for many pages asks with ``Page.objects.with_raw_text()``.
    """

    def get_queryset(self):
        return super().get_queryset().defer("raw_text")

    def with_raw_text(self):
        return super().get_queryset()


class Page(models.Model):
    """A printed page (版) of an issue.

    ``raw_text`` keeps the text the page was parsed from, for provenance and
    for re-parsing when the parser improves. It is deferred by default, also
    when an article's page is loaded through the relation (``PageManager``).
    """

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages", verbose_name=_("期次"))
    number = models.PositiveSmallIntegerField(_("版次"))
    name = models.CharField(_("版名"), max_length=100, blank=True)
    section = models.ForeignKey(
        "archive.Section",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pages",
        verbose_name=_("默认栏目"),
    )
    raw_text = models.TextField(_("原始文本"), blank=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_encoding = models.CharField(_("原始编码"), max_length=20, blank=True)
    image = models.ImageField(_("版面图"), upload_to="pages/%Y/%m/%d/", blank=True)
    parse_fingerprint = models.CharField(_("解析指纹"), max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = PageManager()

    class Meta:
        base_manager_name = "objects"
        ordering = ["issue__date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="page_unique_number_per_issue"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="page_number_positive"),
        ]
        verbose_name = _("版面")
        verbose_name_plural = _("版面")

    def __str__(self) -> str:
        return f"{self.issue} 第{self.number}版 {self.name}".strip()

    def get_absolute_url(self) -> str:
        d = self.issue.date
        return reverse(
            "archive:page",
            kwargs={"year": d.year, "month": f"{d.month:02d}", "day": f"{d.day:02d}", "page": self.number},
        )
