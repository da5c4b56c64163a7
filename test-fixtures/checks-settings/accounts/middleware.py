from django.contrib.auth.middleware import AuthenticationMiddleware


class AuthMiddleware(AuthenticationMiddleware):
    pass
