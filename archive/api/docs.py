"""Bilingual OpenAPI descriptions of the endpoints, kept out of the viewsets so they stay thin."""
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers

from archive.api import serializers
from archive.api.schema import ArchiveAutoSchema

_BAD_REQUEST = OpenApiResponse(description="参数或数据无效，按字段给出原因 / Invalid parameters or data, with a message per field")
_NOT_FOUND = OpenApiResponse(description="不存在或无权查看 / Not found or not visible to you")
_DENIED = OpenApiResponse(description="未登录或无此权限 / Not authenticated or not permitted")
_READ_ERRORS = {400: _BAD_REQUEST, 404: _NOT_FOUND}
_NO_SUCH_PAGE = OpenApiResponse(description="页码超出范围或游标无效 / Page out of range or invalid cursor")
_UNSUPPORTED = OpenApiResponse(
    description="请求体的格式（Content-Type）不受支持或未注明 / The body's Content-Type is missing or not accepted"
)


def _slug(what_zh: str, what_en: str) -> OpenApiParameter:
    return OpenApiParameter(
        "slug", str, OpenApiParameter.PATH, description=f"{what_zh}标识（拼音） / {what_en} slug (pinyin)"
    )


_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="稳定的数字编号 / Stable numeric id")
_TAGS_ARTICLES = ["articles 文章"]

_WRITE = {
    "request": serializers.ArticleWriteSerializer,
    "responses": {
        200: serializers.ArticleDetailSerializer, 400: _BAD_REQUEST, 403: _DENIED, 404: _NOT_FOUND, 415: _UNSUPPORTED,
    },
    "tags": _TAGS_ARTICLES,
    "examples": [
        OpenApiExample(
            "新稿 / New story",
            request_only=True,
            value={
                "page": 1,
                "kicker": "聚焦民生实事",
                "headline": "金水区新增10处口袋公园",
                "body": [
                    {"type": "paragraph", "text": "本报讯 今年以来，金水区利用边角地新建口袋公园10处。"},
                    {"type": "subhead", "text": "家门口的绿地"},
                ],
                "bylines": [{"name": "张三", "role": "reporter"}, {"name": "李四", "role": "correspondent"}],
                "photos": [{"caption": "市民在口袋公园休闲", "credit": "本报记者 张三 摄"}],
                "status": "draft",
            },
        )
    ],
}

ARTICLES = {
    "list": extend_schema(
        summary="文章列表 / List articles",
        description=(
            "可筛选、分页的文章列表（不含正文）。默认按出版日期倒序、版次、版内顺序排列。"
            "匿名用户只能看到已发布的文章。有 q 时每条带 `highlight`（命中处的 HTML 片段，<mark> 标出命中词），"
            "繁体与简体互相可查（鄭東新區 = 郑东新区）；`title` 为主标题，图片新闻为图片说明的开头。"
            " Filterable, paged list of articles (without body), newest issue first, then page and "
            "position. Anonymous users see published articles only. With q each row carries `highlight` "
            "(an HTML snippet around the hit, hits in <mark>), and traditional and simplified characters find "
            "each other (鄭東新區 = 郑东新区); `title` is the headline, or a photo item's caption start. "
            "For bulk downloads use `/api/v1/articles/harvest/` (cursor paging)."
        ),
        responses={200: serializers.ArticleListSerializer(many=True), 400: _BAD_REQUEST, 404: _NO_SUCH_PAGE},
        tags=_TAGS_ARTICLES,
    ),
    "retrieve": extend_schema(
        summary="文章详情 / Article detail",
        description="文章全文：结构化正文、署名、图片与更正。 / The full article: structured body, bylines, photos and corrections (更正).",
        parameters=[_ID],
        responses={200: serializers.ArticleDetailSerializer, **_READ_ERRORS},
        tags=_TAGS_ARTICLES,
    ),
    "create": extend_schema(
        summary="新建文章（编辑） / Create an article (editors)",
        description=(
            "需登录且有新增文章权限；文章追加到该版末尾，署名与图片随稿提交，全部成功或全部不保存。"
            " Needs the add-article permission. The article goes after the page's last item; bylines "
            "and photos come in the same payload and are saved all together or not at all."
        ),
        parameters=[],
        **{
            **_WRITE,
            "responses": {201: serializers.ArticleDetailSerializer, 400: _BAD_REQUEST, 403: _DENIED, 415: _UNSUPPORTED},
        },
    ),
    "update": extend_schema(
        summary="修改文章（编辑） / Replace article fields (editors)",
        description="只修改提交的字段；bylines / photos 提交时整体替换。 / Changes the fields sent; "
        "bylines and photos, when sent, replace the whole list.",
        parameters=[_ID],
        **_WRITE,
    ),
    "partial_update": extend_schema(
        summary="部分修改文章（编辑） / Update some article fields (editors)",
        parameters=[_ID],
        **_WRITE,
    ),
    "destroy": extend_schema(
        summary="删除文章（编辑） / Delete an article (editors)",
        parameters=[_ID],
        responses={204: None, 403: _DENIED, 404: _NOT_FOUND},
        tags=_TAGS_ARTICLES,
    ),
}

HARVEST = {
    "list": extend_schema(
        summary="批量采集文章（游标分页） / Harvest articles (cursor paging)",
        description=(
            "按出版日期、编号从旧到新遍历全部文章（含正文），每页最多 100 条；沿着响应中的 next 链接走到 null 即取完。"
            "接受与文章列表相同的筛选参数（ordering 除外）。游标记录上一页最后一篇的位置，"
            "遍历途中文章的新增、删除或撤回不会造成遗漏或重复。"
            " Walks every article (with body) oldest issue first, ordered by (issue date, id), up to "
            "100 per page; follow `next` until it is null. Takes the same filters as the article list, "
            "except `ordering`. The cursor is opaque, cheap at any depth, and holds the position of the "
            "last article served, so articles added, removed or unpublished during a walk never make it "
            "skip or repeat one."
        ),
        responses={200: serializers.ArticleDetailSerializer(many=True), 400: _BAD_REQUEST, 404: _NO_SUCH_PAGE},
        tags=_TAGS_ARTICLES,
    ),
}

def _read_only(*, tag: str, items, item, lookup: OpenApiParameter, list_doc: tuple, detail_doc: tuple) -> dict:
    """list + retrieve docs of a read-only resource; ``*_doc`` are (summary, description)."""
    return {
        "list": extend_schema(
            summary=list_doc[0],
            description=list_doc[1],
            responses={200: items(many=True), 400: _BAD_REQUEST, 404: _NO_SUCH_PAGE},
            tags=[tag],
        ),
        "retrieve": extend_schema(
            summary=detail_doc[0],
            description=detail_doc[1],
            parameters=[lookup],
            responses={200: item, 404: _NOT_FOUND},
            tags=[tag],
        ),
    }


ISSUES = _read_only(
    tag="issues 期次",
    items=serializers.IssueSerializer,
    item=serializers.IssueDetailSerializer,
    lookup=OpenApiParameter(
        "date", str, OpenApiParameter.PATH, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        description="出版日期 YYYY-MM-DD / Issue date, YYYY-MM-DD",
    ),
    list_doc=("期次列表 / List issues", "按日期倒序的期次及其版面数、文章数。 / Issues newest first with page and article counts."),
    detail_doc=("某日期次 / The issue of a date", "该日各版及每版文章摘要。 / The day's pages, each with its article summaries."),
)

PAGES = _read_only(
    tag="pages 版面",
    items=serializers.PageSerializer,
    item=serializers.PageDetailSerializer,
    lookup=_ID,
    list_doc=("版面列表 / List pages", "按日期倒序、版次排列的版面。 / Pages, newest issue first, then by number."),
    detail_doc=("版面详情 / Page detail", "版面及其文章摘要。 / A page with its article summaries."),
)

SECTIONS = _read_only(
    tag="sections 栏目",
    items=serializers.SectionSerializer,
    item=serializers.SectionSerializer,
    lookup=_slug("栏目", "Section"),
    list_doc=("栏目列表 / List sections", "栏目及可见文章数。 / Sections with their visible article counts."),
    detail_doc=("栏目详情 / Section detail", "栏目及可见文章数。 / A section with its visible article count."),
)

PEOPLE = _read_only(
    tag="people 人物",
    items=serializers.PersonSerializer,
    item=serializers.PersonSerializer,
    lookup=_slug("人物", "Person"),
    list_doc=(
        "人物列表 / List people",
        "署名人物及按角色统计的文章数；某人的文章请用 /api/v1/articles/?person=<slug>。"
        " Credited people with article counts by role; a person's articles are at /api/v1/articles/?person=<slug>.",
    ),
    detail_doc=(
        "人物详情 / Person detail",
        "人物及按角色统计的署名数。 / A person with credits counted by role.",
    ),
)


TOKEN = {
    "post": extend_schema(
        summary="换取令牌 / Obtain an API token",
        description="用用户名和密码换取令牌，之后在请求头中发送 `Authorization: Token <key>`。"
        " Exchange username and password for a token; then send `Authorization: Token <key>`.",
        responses={
            200: inline_serializer("AuthTokenResult", {"token": drf_serializers.CharField(help_text="令牌 / Token")}),
            400: OpenApiResponse(description="缺少用户名或密码，或二者不符 / Username or password missing or wrong"),
            415: _UNSUPPORTED,
            429: OpenApiResponse(
                description="该账户或该地址失败次数过多，请按 Retry-After 稍后再试"
                " / Too many failed logins for this account or address; retry after Retry-After seconds"
            ),
        },
        tags=["auth 认证"],
    )
}


class ExportSchema(ArchiveAutoSchema):
    """The export's schema: the article filters as query parameters, though the response is a file, not a list."""

    def get_filter_backends(self):
        return getattr(self.view, "filter_backends", [])

    def _get_parameters(self):
        # An empty ``format`` or ``body`` means the default, as an empty filter means none.
        parameters = super()._get_parameters()
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters


_FILE = "一行一篇；字段见说明 / One article a row; the fields are described above"
EXPORT = {
    "operation_id": "v1_articles_export",
    "summary": "导出检索结果（CSV / NDJSON） / Export a result set (CSV or NDJSON)",
    "description": (
        "以一个文件下载筛选出的全部文章（不分页，流式传输），筛选参数与文章列表相同；匿名用户只能导出已发布的文章。"
        "字段：id、date（出版日期）、page（版次）、section（栏目）、kicker（引题）、headline（主标题；图片新闻为图片说明开头）、"
        "subheadline（副题）、credits（署名）、url（网址），body=1 时另有 body（正文）。"
        "CSV 为带 BOM 的 UTF-8，首行为字段名，署名写作“记者:张三;通讯员:李四”；"
        "NDJSON 每行一个 JSON 对象，署名为 [{\"role\", \"name\", \"slug\"}] 列表。有频率限制。"
        " Downloads every article the filters select (the same filters as the article list) as one streamed "
        "file, without paging; anonymous users export published articles only. Fields: id, date (issue date), "
        "page (printed page number), section, kicker, headline (for a photo item, the start of its caption), "
        "subheadline, credits, url, and body with `body=1`. CSV: UTF-8 with a byte order mark and a header row; "
        "credits as `记者:张三;通讯员:李四` (role:name pairs joined by `;`). NDJSON: one JSON object a line; "
        "credits as a list of {role, name, slug}. Rate limited per client address."
    ),
    "parameters": [
        OpenApiParameter(
            "format", str, enum=["csv", "ndjson"],
            description="文件格式，默认 ndjson / File format, default ndjson",
        ),
        OpenApiParameter("body", int, enum=[0, 1], description="1：含正文 / 1: include the body text"),
    ],
    "responses": {
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description=f"CSV（UTF-8，带 BOM） / CSV (UTF-8 with BOM). {_FILE}"),
        (200, "application/x-ndjson"): OpenApiResponse(OpenApiTypes.STR, description=f"NDJSON. {_FILE}"),
        400: _BAD_REQUEST,
        429: OpenApiResponse(description="导出过于频繁，请按 Retry-After 稍后再试 / Too many exports; retry after Retry-After seconds"),
    },
    "tags": _TAGS_ARTICLES,
}
