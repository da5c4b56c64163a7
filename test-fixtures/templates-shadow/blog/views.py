from django.shortcuts import render
from django.template.loader import get_template, select_template
from django.views.generic import TemplateView


def home(request):
    return render(request, "shared/page.html", {"title": "Home"})


def post_detail(request, pk):
    return render(request, "blog/post.html", {"pk": pk})


def missing(request):
    return render(request, "blog/does_not_exist.html")


def listing(request):
    template = select_template(["shop/nope.html", "shop/list.html"])
    return template.render({}, request)


def admin_like(request):
    return get_template("admin/base_site.html").render({}, request)


class AboutView(TemplateView):
    template_name = "only_more.html"


contact = TemplateView.as_view(template_name="shared/page.html")
