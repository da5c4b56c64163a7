# MISTAKE: invalid UTF-8. The string in latest() holds a Latin-1 byte (0xE9, e-acute),
# so this file does not decode as UTF-8 and Python refuses to import it.
from django.http import HttpResponse


def latest(request):
    return HttpResponse("café news")
