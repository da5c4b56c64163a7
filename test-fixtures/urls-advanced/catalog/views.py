from django.http import HttpResponse
from django.urls import reverse
from django.views import View


def search(request, *args, **kwargs):
    return HttpResponse("search")


def item(request, item_id):
    return HttpResponse(str(item_id))


class ItemView(View):
    def get(self, request, slug):
        return HttpResponse(slug)


def static_page(request, path):
    return HttpResponse(path)


def report(request, year):
    return HttpResponse(str(year))


def hex_view(request, value):
    return HttpResponse(value)


def legacy(request, code):
    return HttpResponse(code)


def digits(request, **kwargs):
    return HttpResponse("digits")


def words(request, **kwargs):
    return HttpResponse("words")


def links(request):
    """reverse() calls that Django Lens checks (see test/unit/urlsDiagnostics.test.ts)."""
    good = reverse("shop:item-slug", kwargs={"slug": "x"})
    by_app_namespace = reverse("catalog:search")
    nested = reverse("blog:by_year:month", args=[2024, 5])
    too_few = reverse("blog:by_year:month", args=[2024])
    wrong_keyword = reverse("shop:item", kwargs={"id": 1})
    unknown = reverse("shop:nope")
    with_default = reverse("extra-kwargs")
    return HttpResponse(" ".join([good, by_app_namespace, nested, too_few, wrong_keyword, unknown, with_default]))
