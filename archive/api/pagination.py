"""Pagination for the API: numbered pages for people, a cursor for harvesters."""
import datetime as dt

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination


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
    """``page`` and ``page_size`` (default 20, at most 100); a larger size is capped, not refused."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    page_query_description = "页码（从 1 开始） / Page number, from 1"
    page_size_query_description = "每页条数，默认 20，最多 100 / Results per page, default 20, at most 100"


class HarvestPagination(StrictPageSizeMixin, CursorPagination):
    """Opaque ``cursor`` over (issue date, id), oldest first, for walking the whole archive.

    Each page costs about the same however deep the walk is (no deep OFFSET:
    DRF keys the cursor on the issue date and offsets only within one date),
    and issues imported for later dates during a walk are picked up. The
    queryset must be annotated with ``issue_date`` (a cursor cannot order on
    ``page__issue__date`` directly).
    """

    ordering = ("issue_date", "id")
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 100
    cursor_query_description = "上一页响应 next 中的游标 / Cursor taken from the previous response's next link"
    page_size_query_description = "每页条数，默认 100，最多 100 / Results per page, default 100, at most 100"

    def decode_cursor(self, request):
        """DRF's cursor, with its position checked to be a date: a forged one is a 404, not a 500."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            try:
                dt.date.fromisoformat(cursor.position)
            except ValueError:
                raise NotFound(self.invalid_cursor_message) from None
        return cursor
