from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path, register_converter
from django.views.generic import RedirectView, TemplateView

from catalog import views as catalog_views

from . import converters

register_converter(converters.FourDigitYearConverter, "yyyy")
register_converter(converters.ShortHexConverter, "hex")

extra_patterns = [
    path("reports/<yyyy:year>/", catalog_views.report, name="report"),
    path("hex/<hex:value>/", catalog_views.hex_view, name="hex"),
    path("hex/<str:value>/", catalog_views.search, name="hex-fallback"),
]

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("blog/", include("blog.urls")),
    path("archive/", include("blog.urls", namespace="archive")),
    path("catalog/", include(("catalog.urls", "catalog"), namespace="shop")),
    path("api/v1/", include("api.urls")),
    re_path(r"(?i)^legacy/(?P<code>[a-z]{2}\d+)/$", catalog_views.legacy, name="legacy"),
    re_path(r"^digits/(?P<n>\d+)/$", catalog_views.digits, name="digits"),
    re_path(r"^words/(?P<w>\w+)/\Z", catalog_views.words, name="words"),
    re_path(r"^twice/(?P<a>[0-9]+)-(?P=a)/$", catalog_views.digits, name="twice"),
    re_path(r"^opt/(?:(?P<page>\d+)/)?$", catalog_views.search, name="optional"),
    re_path(r"^pos/(\d+)/(\d+)/$", catalog_views.search, name="positional"),
    re_path(r"^nl/(?P<x>[a-z]+)$", catalog_views.words, name="newline"),
    re_path(r"^prefix", catalog_views.search, name="prefix-only"),
    path("extra/", catalog_views.report, {"year": "1999"}, name="extra-kwargs"),
    path("override/<int:year>/", catalog_views.report, {"year": 2000}, name="override"),
    path("more/", include(extra_patterns)),
    path("redirect/", RedirectView.as_view(url="/"), name="go-home"),
]

urlpatterns += i18n_patterns(
    path("about/", TemplateView.as_view(template_name="about.html"), name="about"),
)

if settings.DEBUG:
    urlpatterns += [path("debug/", catalog_views.search, name="debug")]

urlpatterns.append(path("appended/", catalog_views.search, name="appended"))
urlpatterns.insert(0, path("first/", catalog_views.search, name="first"))
