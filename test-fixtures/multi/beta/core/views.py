from django.http import JsonResponse

from .models import Event


def events(request):
    return JsonResponse({"events": list(Event.objects.values("title", "starts_at"))})
