from django.test import TestCase
from django.urls import reverse

from .models import User


class UserTests(TestCase):
    def test_str_prefers_full_name(self):
        user = User(username="ada", first_name="Ada", last_name="Lovelace")
        self.assertEqual(str(user), "Ada Lovelace")

    def test_str_falls_back_to_username(self):
        self.assertEqual(str(User(username="ada")), "ada")

    def test_profile_requires_login(self):
        User.objects.create_user("ada", password="pw-for-tests-only")
        response = self.client.get(reverse("profile", args=["ada"]))
        self.assertEqual(response.status_code, 302)
