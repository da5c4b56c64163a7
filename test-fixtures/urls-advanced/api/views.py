from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from catalog.models import Author, Book


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.all()
    lookup_field = "slug"

    @action(detail=True, methods=["post"], url_path="set-price", url_name="set_price")
    def set_price(self, request, slug=None):
        return Response({})

    @action(detail=False)
    def recent_books(self, request):
        return Response([])


class AuthorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Author.objects.all()
    lookup_value_regex = "[0-9]+"

    @action(detail=True)
    def books(self, request, pk=None):
        return Response([])


class StatsViewSet(viewsets.ViewSet):
    def list(self, request):
        return Response({})
