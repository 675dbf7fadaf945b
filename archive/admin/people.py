"""People and sections in the editors' admin; duplicates are merged via services."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from archive import services
from archive.models import Person, Section
from archive.slugs import unique_slug


class PinyinSlugMixin:
    """An empty slug is filled from the name's pinyin (the browser's slugify drops Chinese)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.required = False
            field.help_text = _("留空则按拼音自动生成。")
        return field

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = unique_slug(type(obj), obj.name)
        super().save_model(request, obj, form, change)


@admin.register(Person)
class PersonAdmin(PinyinSlugMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "article_count", "byline_count")
    search_fields = ("name", "slug")
    ordering = ("name", "id")
    actions = ("merge_duplicates",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_articles=Count("bylines__article", distinct=True), n_bylines=Count("bylines", distinct=True)
        )

    @admin.display(description=_("文章数"), ordering="n_articles")
    def article_count(self, person: Person) -> int:
        return person.n_articles

    @admin.display(description=_("署名数"), ordering="n_bylines")
    def byline_count(self, person: Person) -> int:
        return person.n_bylines

    @admin.action(description=_("合并重复人物"), permissions=("change", "delete"))
    def merge_duplicates(self, request, queryset):
        """Merge the selected people into the one credited most often (the oldest on a tie)."""
        people = list(queryset.order_by("-n_bylines", "id"))
        if len(people) < 2:
            self.message_user(request, _("请至少选择两位人物再合并。"), messages.WARNING)
            return
        target, sources = people[0], people[1:]
        try:
            for source in sources:
                services.person_merge(source=source, target=target)
        except services.ServiceError as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            _("已把 %(count)d 位人物合并到“%(name)s”。") % {"count": len(sources), "name": target.name},
            messages.SUCCESS,
        )


@admin.register(Section)
class SectionAdmin(PinyinSlugMixin, admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
