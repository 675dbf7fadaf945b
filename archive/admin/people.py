"""People and sections in the editors' admin; duplicates are merged via services."""
from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from archive import services
from archive.models import Person, Section


class PinyinSlugMixin:
    """Saved through a service (``save_service``); an empty slug is filled from the name's pinyin
    (the browser's slugify drops Chinese)."""

    service_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "slug":
            field.required = False
            field.help_text = _("留空则按拼音自动生成。")
        return field

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in self.service_fields if name in form.cleaned_data}
        # The form copied the posted values onto obj; the service compares with the stored row.
        stored = type(obj).objects.get(pk=obj.pk) if change else None
        saved = self.save_service(stored, fields, request.user)
        obj.pk, obj.slug, obj._state.adding = saved.pk, saved.slug, False

    def has_delete_permission(self, request, obj=None):
        # People and sections go away by merging, never by a delete that would orphan credits.
        return False


@admin.register(Person)
class PersonAdmin(PinyinSlugMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "article_count", "byline_count")
    search_fields = ("name", "slug")
    ordering = ("name", "id")
    actions = ("merge_duplicates",)
    service_fields = ("name", "slug", "bio")

    def save_service(self, person, fields, user):
        return services.person_save(person=person, fields=fields, user=user)

    def has_merge_permission(self, request) -> bool:
        # A merge deletes the duplicate: it needs the right to delete people, not the admin's delete page.
        return self.has_change_permission(request) and request.user.has_perm("archive.delete_person")

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

    @admin.action(description=_("合并重复人物"), permissions=("merge",))
    def merge_duplicates(self, request, queryset):
        """Merge the selected people into the one credited most often (the oldest on a tie)."""
        people = list(queryset.order_by("-n_bylines", "id"))
        if len(people) < 2:
            self.message_user(request, _("请至少选择两位人物再合并。"), messages.WARNING)
            return
        target, sources = people[0], people[1:]
        try:
            for source in sources:
                services.person_merge(source=source, target=target, user=request.user)
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
    service_fields = ("name", "slug", "description")

    def save_service(self, section, fields, user):
        return services.section_save(section=section, fields=fields, user=user)
