"""Pagination for the API: numbered pages for people, a cursor for harvesters."""
import datetime as dt

from django.db.models import Q
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.response import Response


class StrictPageSizeMixin:
    """``page_size`` must be a whole number from 1; DRF would silently fall back to the default.

    Sizes above the maximum are capped, as documented, not refused. An empty
    value means "not given", as for the filters.
    """

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw:
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if size < 1:
                raise ValidationError(
                    {self.page_size_query_param: ["每页条数须为正整数。 / page_size must be a whole number from 1."]}
                )
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["schema"].get("type") == "integer":
                parameter["schema"]["minimum"] = 1
            parameter["allowEmptyValue"] = True
        return parameters


class ArticlePagination(StrictPageSizeMixin, PageNumberPagination):
    """``page`` and ``page_size`` (default 20, at most 100); a larger size is capped, not refused.

    Responses carry ``count_is_estimate``: true when ``count`` is the search
    index's estimate (a search with more than 10,000 matches, within ±5%),
    false for an exact count.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    page_query_description = "页码（从 1 开始） / Page number, from 1"
    page_size_query_description = "每页条数，默认 20，最多 100 / Results per page, default 20, at most 100"

    def get_paginated_response(self, data):
        estimated = getattr(self.page.paginator.object_list, "count_is_estimate", False)
        return Response({
            "count": self.page.paginator.count,
            "count_is_estimate": bool(estimated),
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["required"] = [*response.get("required", []), "count_is_estimate"]
        properties = response["properties"]
        flag = {
            "type": "boolean",
            "description": "count 为估计值（检索结果超过一万篇时，误差 ±5% 以内）/ "
            "count is an estimate (a search with more than 10,000 matches, within ±5%)",
            "example": False,
        }
        response["properties"] = {"count": properties.pop("count"), "count_is_estimate": flag, **properties}
        return response


class HarvestPagination(StrictPageSizeMixin, CursorPagination):
    """Opaque ``cursor`` over (issue date, id), oldest first, for walking the whole archive.

    The cursor holds the (date, id) of the last story served and the next page
    is the stories after it: a keyset, so each page costs the same however
    deep the walk, and stories added, removed or unpublished during a walk
    never shift it (DRF's own cursor counts an offset within a date, which a
    removal mid-walk turns into a skipped story). ``previous`` walks back the
    same way. The queryset must be annotated with ``issue_date``.
    """

    ordering = ("issue_date", "id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_description = "上一页响应 next 中的游标 / Cursor taken from the previous response's next link"
    page_size_query_description = "每页条数，默认 100，最多 100 / Results per page, default 100, at most 100"

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.page_size = request, self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.cursor = self.decode_cursor(request)
        self.position = self.cursor.position if self.cursor else None
        reverse = bool(self.cursor and self.cursor.reverse)
        queryset = queryset.order_by(*(f"-{field}" for field in self.ordering) if reverse else self.ordering)
        if self.position is not None:
            date, pk = self.position
            beyond = "lt" if reverse else "gt"
            queryset = queryset.filter(Q(**{f"issue_date__{beyond}": date}) | Q(issue_date=date, **{f"id__{beyond}": pk}))
        found = list(queryset[: self.page_size + 1])
        self.page = found[: self.page_size]
        more, started = len(found) > self.page_size, self.position is not None
        if reverse:
            self.page.reverse()
        self.has_next, self.has_previous = (started, more) if reverse else (more, started)
        self.display_page_controls = self.has_next or self.has_previous
        return self.page

    def get_next_link(self):
        return self._link(self.page[-1] if self.page else None, reverse=False) if self.has_next else None

    def get_previous_link(self):
        return self._link(self.page[0] if self.page else None, reverse=True) if self.has_previous else None

    def _link(self, item, *, reverse: bool) -> str:
        date, pk = (item.issue_date, item.pk) if item is not None else self.position
        return self.encode_cursor(Cursor(offset=0, reverse=reverse, position=f"{date.isoformat()}~{pk}"))

    def decode_cursor(self, request):
        """DRF's cursor, its position parsed to (date, id): a forged one is a 404, not a 500."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        try:
            date, pk = cursor.position.split("~")
            position = (dt.date.fromisoformat(date), int(pk))
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None
        return Cursor(offset=0, reverse=cursor.reverse, position=position)
