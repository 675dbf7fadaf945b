"""Error responses: the site's Chinese pages (templates/4xx.html, 500.html), JSON under /api/.

Django's default handlers render the templates; API clients read JSON, so a
request under ``/api/`` that never reached a DRF view (an unknown URL, an
exception outside a view) gets the shape of DRF's own errors,
``{"detail": "..."}``.
"""
from django.http import JsonResponse
from django.views import defaults


def _json_under_api(site_handler, status: int, detail: str):
    # Django calls the 4xx handlers with the exception, the 500 one with the request only.
    def handler(request, exception=None):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False})
        return site_handler(request) if exception is None else site_handler(request, exception)

    return handler


bad_request = _json_under_api(defaults.bad_request, 400, "请求无效。 / Bad request.")
permission_denied = _json_under_api(
    defaults.permission_denied, 403, "无权执行此操作。 / You do not have permission to perform this action."
)
page_not_found = _json_under_api(defaults.page_not_found, 404, "未找到。 / Not found.")
server_error = _json_under_api(defaults.server_error, 500, "服务器出错。 / Server error.")
