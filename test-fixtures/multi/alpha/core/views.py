from django.http import JsonResponse

from .models import Note


def notes(request):
    return JsonResponse({"notes": list(Note.objects.values_list("text", flat=True))})
