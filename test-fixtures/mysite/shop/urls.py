from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from . import views

app_name = "shop"

router = DefaultRouter()
router.register("products", views.ProductViewSet, basename="api-product")

urlpatterns = [
    path("", views.product_list, name="product-list"),
    path("products/<int:pk>/", views.ProductDetailView.as_view(), name="product-detail"),
    path("products/<int:pk>/buy/", views.buy, name="buy"),
    re_path(r"^category/(?P<slug>[-\w]+)/$", views.category_detail, name="category-detail"),
    path("orders/<int:order_id>/", views.order_detail, name="order-detail"),
    path("api/", include(router.urls)),
]
