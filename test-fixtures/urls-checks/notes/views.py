from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy


def note_list(request):
    return HttpResponse(reverse("notes:list"))


def note_detail(request, pk):
    return redirect("notes:detail", pk=pk)


def broken(request):
    missing = reverse("notes:nope")  # unknown name
    other = reverse_lazy("nowhere:list")  # unknown namespace
    # Not reported: reverse() picks the first "notes" instance, included under a regex (^notes/$),
    # whose parameters Django derives with normalize(), which Django Lens does not model.
    too_few = reverse("notes:detail")
    too_many = reverse("notes:list", args=[1])
    wrong_kw = reverse("notes:detail", kwargs={"id": 1})
    fine = reverse("notes:detail", args=[1])
    outside = redirect("/plain/path/")  # a URL, not a name
    return HttpResponse(f"{missing}{other}{too_few}{too_many}{wrong_kw}{fine}{outside}")
