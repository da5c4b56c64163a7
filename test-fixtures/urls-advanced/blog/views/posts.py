from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.generic import View


class PostList(View):
    def get(self, request):
        return HttpResponse("posts")


@require_GET
def post_detail(request, slug):
    return HttpResponse(slug)
