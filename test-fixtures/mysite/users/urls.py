from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

# No app_name here: these names are not namespaced ("login", "profile", ...).
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("<str:username>/", views.profile, name="profile"),
]
