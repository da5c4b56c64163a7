from django.db import models


class Person(models.Model):
    name = models.CharField(max_length=50)


class Group(models.Model):
    members = models.ManyToManyField(Person, through="Membership", related_name="groups")
    guests = models.ManyToManyField(Person, through="Invitation", related_name="invited_to")
    ghosts = models.ManyToManyField(Person, through="Missing", related_name="haunted")
    owners = models.ManyToManyField(Person, through="Ownership", related_name="owned")
    editors = models.ManyToManyField(Person, through="Editorship", through_fields=("group",), related_name="edits")
    readers = models.ManyToManyField(Person, through="Readership", through_fields=("group", "nobody"), related_name="reads")
    writers = models.ManyToManyField(Person, through="Readership", through_fields=("group", "note"), related_name="writes")


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    inviter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invites")


class Invitation(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE)


class Ownership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="ownerships")
    second_group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="second_ownerships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ownerships")


class Editorship(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)


class Readership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    note = models.CharField(max_length=10)


class Link(models.Model):
    a = models.ForeignKey("Node", on_delete=models.CASCADE, related_name="a_links")
    b = models.ForeignKey("Node", on_delete=models.CASCADE, related_name="b_links")
    c = models.ForeignKey("Node", on_delete=models.CASCADE, related_name="c_links")


class Node(models.Model):
    links = models.ManyToManyField("self", through=Link, symmetrical=False)


class Club(models.Model):
    members = models.ManyToManyField(Person, related_name="clubs")
    staff = models.ManyToManyField(Person, related_name="staffed", db_table="club_person")


class ClubMembers(models.Model):
    class Meta:
        db_table = "club_club_members"
