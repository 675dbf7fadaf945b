"""What the API shows and accepts. Reads are plain serializers over selector querysets;
writes validate here and then call :mod:`archive.services`, like the admin does.

Every field carries a bilingual help text ("中文 / English") for the OpenAPI docs.
"""
from functools import cached_property

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from archive import exporting, services
from archive.models import Article, Issue, Kind, Page, Person, Role, Section, Status
from archive.search.index import service as search_service
from archive.site.cite import citation_context


def _site_url(request, obj) -> str:
    url = obj.get_absolute_url()
    return request.build_absolute_uri(url) if request else url


class SiteUrlField(serializers.SerializerMethodField):
    """The object's page on the public site, absolute."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "公开网站上的网址（绝对地址） / Canonical URL on the public site (absolute)")
        super().__init__(**kwargs)

    def to_representation(self, value):
        return _site_url(self.context.get("request"), value)


extend_schema_field(OpenApiTypes.URI)(SiteUrlField)


class SectionRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(help_text="栏目名称 / Section name")
    slug = serializers.SlugField(help_text="栏目标识（拼音） / Section slug (pinyin)")

    class Meta:
        model = Section
        fields = ["name", "slug"]


class TextField(serializers.CharField):
    """A string field that takes only strings: DRF's CharField turns a JSON number into text ("credit": 0 → "0")."""

    default_error_messages = {"not_text": "须为文字。 / Must be a string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true or false only: DRF's BooleanField also takes 0, 1, "yes", "on" … (from HTML forms, which writes do not take)."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class WholeItemSerializer(serializers.Serializer):
    """An item of a list a write replaces whole: required fields stay required, defaults apply, under PATCH too.

    DRF skips every missing field of nested serializers when the root
    serializer is partial (PATCH), so ``{"bylines": [{"role": "reporter"}]}``
    would reach the services without a name. Each item is validated as a
    standalone, non-partial serializer instead.
    """

    def to_internal_value(self, data):
        if not getattr(self.root, "partial", False):
            return super().to_internal_value(data)
        whole = type(self)(data=data)
        whole.is_valid(raise_exception=True)
        return whole.validated_data


class BodyBlockSerializer(WholeItemSerializer):
    type = serializers.ChoiceField(
        choices=[("paragraph", "段落 / paragraph"), ("subhead", "小标题 / subhead")],
        help_text="段落或小标题 / A paragraph or a subhead (小标题)",
    )
    text = TextField(help_text="文字 / Text")


class BylineSerializer(serializers.Serializer):
    name = serializers.CharField(source="person.name", help_text="署名姓名 / Credited name")
    slug = serializers.SlugField(source="person.slug", help_text="人物标识 / Person slug")
    role = serializers.ChoiceField(choices=Role.choices, help_text="角色：记者、通讯员、摄影、实习生 / Role")


class PhotoSerializer(serializers.Serializer):
    caption = serializers.CharField(help_text="图片说明 / Caption")
    credit = serializers.CharField(help_text="署名（原文） / Credit as printed")
    image = serializers.SerializerMethodField(help_text="图片绝对地址，无图时为 null / Absolute image URL, null when none")
    photographer = serializers.SlugField(
        source="photographer.slug", read_only=True, allow_null=True,
        help_text="摄影者的人物标识，未关联时为 null / Photographer's person slug, null when not linked",
    )

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_image(self, photo) -> str | None:
        if not photo.image:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(photo.image.url) if request else photo.image.url


class ArticleListSerializer(serializers.ModelSerializer):
    """An article without its body, for lists; with ``q`` each row also carries a marked snippet of its text."""

    url = serializers.HyperlinkedIdentityField(
        view_name="api:article-detail", help_text="本条 API 地址 / This article's API URL"
    )
    site_url = SiteUrlField()
    date = serializers.DateField(source="page.issue.date", help_text="出版日期 / Issue date")
    page_number = serializers.IntegerField(source="page.number", help_text="版次 / Printed page number")
    page_name = serializers.CharField(source="page.name", help_text="版名 / Page name")
    section = SectionRefSerializer(allow_null=True, help_text="栏目 / Section")
    bylines = BylineSerializer(many=True, help_text="署名，按刊印顺序 / Bylines in printed order")
    title = serializers.SerializerMethodField(
        help_text="列表中显示的标题：主标题；无主标题的图片新闻为图片说明的开头 / "
        "Title to show in a list: the headline, or for a photo item printed without one the start of its caption",
    )
    highlight = serializers.SerializerMethodField(
        help_text="有 q 时：正文中首个命中处附近约 120 字的 HTML 片段，命中词以 <mark> 标出，其余文字已转义；"
        "无 q 时为 null / With q: an HTML snippet of about 120 characters around the first hit in the text, "
        "hits wrapped in <mark> and everything else escaped; null without q",
    )

    class Meta:
        model = Article
        fields = [
            "id", "url", "site_url", "date", "page_number", "page_name", "order", "kind", "section",
            "kicker", "headline", "subheadline", "title", "dateline", "bylines", "status", "published_at",
            "highlight",
        ]
        extra_kwargs = {
            "id": {"help_text": "稳定的数字编号 / Stable numeric id"},
            "order": {"help_text": "版内顺序（从 1 开始） / Position on the page, from 1"},
            "kind": {"help_text": "文章或图片新闻 / Article or stand-alone photo"},
            "kicker": {"help_text": "引题 / Kicker (line above the headline)"},
            "headline": {"help_text": "主标题 / Headline"},
            "subheadline": {"help_text": "副题 / Subheadline"},
            "dateline": {"help_text": "电头 / Dateline"},
            "status": {"help_text": "状态；匿名用户只见已发布 / Status; anonymous users see published only"},
            "published_at": {"help_text": "发布时间 / Publication time"},
        }

    def get_title(self, article) -> str:
        return exporting.headline(article) or article.title

    @cached_property
    def _query(self):
        """The request's ``q`` parsed once for the whole list (one child serializer serves every row)."""
        request = self.context.get("request")
        q = request.query_params.get("q", "") if request is not None else ""
        return search_service.as_query(q) if q.strip() else None

    @extend_schema_field({"type": "string", "nullable": True})
    def get_highlight(self, article) -> str | None:
        # Body, captions and credited names come from the list queryset's prefetches: no query per row.
        return search_service.snippet(article, self._query) if self._query else None


class CorrectionSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="更正编号 / Correction id")
    published_at = serializers.DateTimeField(read_only=True, help_text="更正发布时间 / When the correction was published")
    note = serializers.CharField(read_only=True, help_text="更正说明（读者可见） / The public correction note")


class CitationSerializer(serializers.Serializer):
    """引用本文: the forms a researcher pastes or imports."""

    gbt7714 = serializers.CharField(help_text="GB/T 7714-2015 报纸析出文献著录 / GB/T 7714-2015 newspaper reference")
    apa = serializers.CharField(help_text="APA 第 7 版 / APA 7th edition reference")
    ris_url = serializers.URLField(help_text="RIS 文件下载地址 / RIS download")
    bibtex_url = serializers.URLField(help_text="BibTeX 文件下载地址 / BibTeX download")


class ArticleDetailSerializer(ArticleListSerializer):
    """An article in full: the list fields plus structured body, photos, corrections and citation."""

    body = BodyBlockSerializer(many=True, help_text="正文：段落与小标题 / Body: paragraphs and subheads")
    photos = PhotoSerializer(many=True, help_text="图片 / Photos")
    corrections = CorrectionSerializer(
        many=True, read_only=True, help_text="更正，按时间先后 / Corrections (更正), oldest first"
    )
    citation = serializers.SerializerMethodField(help_text="引用本文 / How to cite the article")

    class Meta(ArticleListSerializer.Meta):
        fields = [f for f in ArticleListSerializer.Meta.fields if f != "highlight"] + [
            "body", "photos", "corrections", "citation",
        ]

    @extend_schema_field(CitationSerializer)
    def get_citation(self, article) -> dict:
        return citation_context(self.context["request"], article)


class ArticleSummarySerializer(serializers.ModelSerializer):
    """An article as listed under its page."""

    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", help_text="API 地址 / API URL")
    site_url = SiteUrlField()

    class Meta:
        model = Article
        fields = ["id", "url", "site_url", "order", "kind", "kicker", "headline", "subheadline", "status"]
        extra_kwargs = ArticleListSerializer.Meta.extra_kwargs


class PageSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:page-detail", help_text="API 地址 / API URL")
    site_url = SiteUrlField()
    date = serializers.DateField(source="issue.date", help_text="出版日期 / Issue date")
    section = SectionRefSerializer(allow_null=True, help_text="默认栏目 / Default section")
    article_count = serializers.IntegerField(help_text="可见文章数 / Number of visible articles")

    class Meta:
        model = Page
        fields = ["id", "url", "site_url", "date", "number", "name", "section", "article_count"]
        extra_kwargs = {
            "id": {"help_text": "稳定的数字编号 / Stable numeric id"},
            "number": {"help_text": "版次 / Printed page number"},
            "name": {"help_text": "版名 / Page name"},
        }


class PageDetailSerializer(PageSerializer):
    articles = ArticleSummarySerializer(
        many=True,
        help_text="本版文章，按刊印顺序，至多 IMPORT_MAX_PAGE_ITEMS（默认 400）篇；全部见 /api/v1/articles/?date=&page_number= "
        "/ The page's articles in printed order, at most IMPORT_MAX_PAGE_ITEMS (default 400); all of them: "
        "/api/v1/articles/?date=&page_number=",
    )

    class Meta(PageSerializer.Meta):
        fields = PageSerializer.Meta.fields + ["articles"]


class IssueSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:issue-detail", lookup_field="date", help_text="API 地址 / API URL"
    )
    site_url = SiteUrlField()
    page_count = serializers.IntegerField(help_text="可见版面数 / Number of visible pages")
    article_count = serializers.IntegerField(help_text="可见文章数 / Number of visible articles")

    class Meta:
        model = Issue
        fields = ["url", "site_url", "date", "number", "page_count", "article_count"]
        extra_kwargs = {
            "date": {"help_text": "出版日期 / Issue date"},
            "number": {"help_text": "期号，可能为空 / Issue number, may be null"},
        }


class IssueDetailSerializer(IssueSerializer):
    pages = PageDetailSerializer(many=True, help_text="各版及其文章 / Pages with their articles")

    class Meta(IssueSerializer.Meta):
        fields = IssueSerializer.Meta.fields + ["pages"]


class SectionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:section-detail", lookup_field="slug", help_text="API 地址 / API URL"
    )
    site_url = SiteUrlField()
    article_count = serializers.IntegerField(help_text="可见文章数 / Number of visible articles")

    class Meta:
        model = Section
        fields = ["url", "site_url", "name", "slug", "description", "article_count"]
        extra_kwargs = {
            "name": {"help_text": "栏目名称 / Section name"},
            "slug": {"help_text": "栏目标识（拼音） / Section slug (pinyin)"},
            "description": {"help_text": "简介 / Description"},
        }


class RoleCountsSerializer(serializers.Serializer):
    reporter = serializers.IntegerField(source="reporter_count", help_text="作为记者 / As reporter")
    correspondent = serializers.IntegerField(source="correspondent_count", help_text="作为通讯员 / As correspondent")
    photographer = serializers.IntegerField(source="photographer_count", help_text="作为摄影 / As photographer")
    intern = serializers.IntegerField(source="intern_count", help_text="作为实习生 / As intern")


class PersonSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:person-detail", lookup_field="slug", help_text="API 地址 / API URL"
    )
    site_url = SiteUrlField()
    article_count = serializers.IntegerField(help_text="署名的可见文章数 / Visible articles credited")
    counts_by_role = RoleCountsSerializer(source="*", help_text="按角色统计的署名数 / Credits by role")

    class Meta:
        model = Person
        fields = ["url", "site_url", "name", "slug", "bio", "article_count", "counts_by_role"]
        extra_kwargs = {
            "name": {"help_text": "姓名 / Name"},
            "slug": {"help_text": "人物标识（拼音） / Person slug (pinyin)"},
            "bio": {"help_text": "简介 / Biography"},
        }


# --- writes -------------------------------------------------------------------


class BylineInputSerializer(WholeItemSerializer):
    name = TextField(max_length=50, help_text="署名姓名 / Credited name")
    role = serializers.ChoiceField(choices=Role.choices, help_text="角色 / Role")

    def to_representation(self, byline):
        # A stored Byline has a person, not a name: the browsable API's raw-data
        # form shows the current credits in the shape a write takes.
        return {"name": byline.person.name, "role": byline.role}


class PhotoInputSerializer(WholeItemSerializer):
    caption = TextField(allow_blank=True, default="", help_text="图片说明 / Caption")
    credit = TextField(
        max_length=200, allow_blank=True, default="", help_text="署名（原文），如“本报记者 张三 摄” / Credit as printed"
    )


class ArticleWriteSerializer(serializers.Serializer):
    """An editor's article: fields, bylines and photos, saved by the services in one transaction.

    On update (PUT or PATCH) only the fields sent change; ``bylines`` and
    ``photos``, when sent, replace the whole list. ``page`` is set on create
    and cannot change.
    """

    page = serializers.PrimaryKeyRelatedField(
        queryset=Page.objects.all(), required=False, help_text="版面编号（新建时必填） / Page id (required on create)"
    )
    kind = serializers.ChoiceField(choices=Kind.choices, required=False, help_text="类型 / Kind")
    section = serializers.SlugRelatedField(
        slug_field="slug", queryset=Section.objects.all(), allow_null=True, required=False,
        help_text="栏目标识 / Section slug",
    )
    kicker = TextField(max_length=300, allow_blank=True, required=False, help_text="引题 / Kicker")
    headline = TextField(max_length=300, allow_blank=True, required=False, help_text="主标题 / Headline")
    subheadline = TextField(
        max_length=300, allow_blank=True, required=False, help_text="副题 / Subheadline"
    )
    dateline = TextField(max_length=50, allow_blank=True, required=False, help_text="电头 / Dateline")
    body = BodyBlockSerializer(many=True, required=False, help_text="正文 / Body blocks")
    photo_by_byline = StrictBooleanField(required=False, help_text="文图同署 / Photos by the bylined reporter")
    status = serializers.ChoiceField(
        choices=Status.choices, required=False, help_text="状态，默认草稿 / Status, draft by default"
    )
    bylines = BylineInputSerializer(many=True, required=False, help_text="署名（整体替换） / Bylines (replace all)")
    photos = PhotoInputSerializer(many=True, required=False, help_text="图片（整体替换） / Photos (replace all)")

    def validate_page(self, page):
        if self.instance is not None and page.pk != self.instance.page_id:
            raise serializers.ValidationError("文章不能移到其他版面。 / An article cannot move to another page.")
        return page

    def validate(self, attrs):
        if self.instance is None and "page" not in attrs:
            raise serializers.ValidationError({"page": ["新建文章必须指定版面。 / A new article needs a page."]})
        return attrs

    def _service_error(self, exc: services.ServiceError):
        return serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [str(exc)]})

    def _save(self, article, validated_data):
        """One ``services.article_save``: fields, bylines, photos and status in one transaction."""
        data = dict(validated_data)
        page, status = data.pop("page", None), data.pop("status", None)
        bylines, photos = data.pop("bylines", None), data.pop("photos", None)
        request = self.context.get("request")
        try:
            return services.article_save(
                article=article, page=page, fields=data, status=status,
                bylines=None if bylines is None else [(b["name"], b["role"]) for b in bylines],
                photos=None if photos is None else [services.PhotoInput(caption=p["caption"], credit=p["credit"]) for p in photos],
                user=getattr(request, "user", None),
            ).article
        except services.ServiceError as exc:
            raise self._service_error(exc) from exc

    def create(self, validated_data):
        return self._save(None, validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)
