from django.db.models import CharField, Model, TextFeild


class Product(Model):
    name = CharField(max_length=10)
