"""Inlines whose autocomplete fields cost no query per row.

Django's autocomplete widget looks up the selected object again for every
row it draws (``WHERE id IN (…)``), and a tabular inline's row title reads
the related object lazily: an article with twelve bylines and eight photos
cost forty queries. The inline here loads those objects with its rows
(``select_related``) and hands each row's widget the object it already has.
"""
from __future__ import annotations

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class LoadedAutocompleteSelect(AutocompleteSelect):
    """Draws the selected option from ``loaded`` when that is the selected object; asks the database otherwise."""

    loaded = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        loaded = self.loaded
        if loaded is None or chosen != {str(loaded.pk)}:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(loaded)
        options.append(self.create_option(name, loaded.pk, label, True, len(options)))
        return [(None, options, 0)]


class LoadedRelationsFormSet(BaseInlineFormSet):
    """Gives each row's autocomplete widgets the related objects loaded with the row."""

    loaded_fields: tuple[str, ...] = ()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        for name in self.loaded_fields:
            widget = form.fields[name].widget
            widget = getattr(widget, "widget", widget)  # the admin wraps it to add the +/✎ links
            if isinstance(widget, LoadedAutocompleteSelect):
                widget.loaded = getattr(form.instance, name)
        return form


class LoadedAutocompleteInlineMixin:
    """For an ``InlineModelAdmin`` with ``autocomplete_fields``: one query for the rows and what they point to."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.autocomplete_fields)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields and "widget" not in kwargs:
            kwargs["widget"] = LoadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = type("LoadedFormSet", (LoadedRelationsFormSet, kwargs.pop("formset", self.formset)), {})
        formset.loaded_fields = tuple(self.autocomplete_fields)
        return super().get_formset(request, obj, formset=formset, **kwargs)
