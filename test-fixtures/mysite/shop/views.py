from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.generic import DetailView
from rest_framework import viewsets

from .models import Category, Order, Product
from .serializers import ProductSerializer


def product_list(request):
    products = Product.objects.select_related("category").filter(in_stock=True)
    return render(request, "shop/product_list.html", {"products": products})


class ProductDetailView(DetailView):
    model = Product
    template_name = "shop/product_detail.html"
    context_object_name = "product"


def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    return render(
        request,
        "shop/product_list.html",
        {"category": category, "products": category.products.all()},
    )


@login_required
def buy(request, pk):
    product = get_object_or_404(Product, pk=pk)
    order = Order.objects.create(user=request.user, product=product)
    return redirect(reverse("shop:order-detail", args=[order.pk]))


@login_required
def order_detail(request, order_id):
    order = get_object_or_404(Order, pk=order_id, user=request.user)
    return render(request, "shop/order_detail.html", {"order": order})


class ProductViewSet(viewsets.ModelViewSet):
    queryset = Product.objects.select_related("category")
    serializer_class = ProductSerializer
