"""Sections: the paper's named parts, such as 区县新闻 or the 郑东新区·周报 weekly."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Section(models.Model):
    """A named part of the paper that pages and stories belong to.

    The slug is ASCII (pinyin) so URLs stay readable in any client.
    """

    name = models.CharField(_("名称"), max_length=100, unique=True)
    slug = models.SlugField(_("网址标识"), max_length=120, unique=True)
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("栏目")
        verbose_name_plural = _("栏目")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:section", kwargs={"slug": self.slug})
