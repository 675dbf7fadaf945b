"""People credited in the paper and their bylines."""
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Person(models.Model):
    """Someone the paper credits: a reporter, correspondent, photographer or intern.

    People are matched by printed name on import; an editor merges true
    duplicates with the person_merge service.
    """

    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    slug = models.SlugField(_("网址标识"), max_length=80, unique=True)
    bio = models.TextField(_("简介"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("人物")
        verbose_name_plural = _("人物")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("archive:person", kwargs={"slug": self.slug})


class Role(models.TextChoices):
    REPORTER = "reporter", _("记者")
    CORRESPONDENT = "correspondent", _("通讯员")
    PHOTOGRAPHER = "photographer", _("摄影")
    INTERN = "intern", _("实习生")


class Byline(models.Model):
    """One credit of a person on an article, in printed order."""

    article = models.ForeignKey(
        "archive.Article", on_delete=models.CASCADE, related_name="bylines", verbose_name=_("文章")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bylines", verbose_name=_("人物"))
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person", "role"], name="byline_unique_person_role"),
        ]
        indexes = [models.Index(fields=["person", "role"], name="byline_person_role_idx")]
        verbose_name = _("署名")
        verbose_name_plural = _("署名")

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person}"
