"""Public reader site routes: by date and page, never by slugified headlines."""
from django.urls import path, register_converter

from . import views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")

app_name = "archive"

urlpatterns = [
    path("<yyyy:year>/<dd:month>/<dd:day>/", views.issue_detail, name="issue"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/", views.page_detail, name="page"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:order>/", views.article_detail, name="article"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
