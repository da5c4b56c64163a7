from decimal import Decimal

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from .models import Category, Product


class UrlTests(SimpleTestCase):
    def test_product_list_url(self):
        self.assertEqual(reverse("shop:product-list"), "/shop/")

    def test_product_detail_url(self):
        self.assertEqual(reverse("shop:product-detail", kwargs={"pk": 5}), "/shop/products/5/")


class ProductTests(TestCase):
    def setUp(self):
        self.category = Category.objects.create(name="Tea", slug="tea")

    def test_absolute_url(self):
        product = Product.objects.create(name="Sencha", price=Decimal("4.50"), category=self.category)
        self.assertEqual(product.get_absolute_url(), f"/shop/products/{product.pk}/")

    def test_list_shows_products_in_stock(self):
        Product.objects.create(name="Sencha", price=Decimal("4.50"), category=self.category)
        Product.objects.create(name="Gone", price=Decimal("1.00"), category=self.category, in_stock=False)
        response = self.client.get(reverse("shop:product-list"))
        self.assertContains(response, "Sencha")
        self.assertNotContains(response, "Gone")
