"""Placeholder views until the reader site lands; every page answers 404."""
from django.http import Http404


def _not_yet(*args, **kwargs):
    raise Http404


issue_detail = page_detail = article_detail = section_detail = person_detail = _not_yet
