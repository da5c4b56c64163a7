from django.http import HttpResponse


def page(request, **kwargs):
    return HttpResponse("page")


def index(request):
    return HttpResponse("index")
