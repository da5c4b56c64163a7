from rest_framework.permissions import BasePermission


class IsOwner(BasePermission):
    pass
