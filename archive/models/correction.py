"""Corrections (更正): public notes that tell readers what an editor fixed in a story."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections of published articles: what readers may see.

        Asks the articles' own ``published()`` so "published" is decided in
        one place; a correction of a draft stays hidden until it is released.
        """
        from .article import Article

        return self.filter(article__in=Article.objects.published().values("pk"))


class Correction(models.Model):
    """A note published under an article, e.g. "本文原将“王磊”误作“王雷”，已更正。".

    ``published_at`` is the time readers see next to the note; ``created_by``
    is kept (SET_NULL) so an account's removal does not remove the record.
    """

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="corrections", verbose_name=_("文章")
    )
    note = models.TextField(_("更正说明"), help_text=_("读者可见，例如：本文原将“王磊”误作“王雷”，已更正。"))
    published_at = models.DateTimeField(_("更正时间"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("添加人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["article", "published_at"], name="correction_article_time_idx")]
        verbose_name = _("更正")
        verbose_name_plural = _("更正")

    def __str__(self) -> str:
        return self.note[:40]
