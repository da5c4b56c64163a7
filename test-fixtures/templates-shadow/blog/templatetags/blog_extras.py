from django import template

register = template.Library()


@register.filter
def shout(value):
    return str(value).upper() + "!"


@register.filter(name="whisper")
def whisper_filter(value):
    return str(value).lower()


@register.simple_tag
def greeting(name):
    return f"Hello, {name}"


@register.inclusion_tag("blog/card.html")
def card(title):
    return {"title": title}


def do_box(parser, token):
    nodelist = parser.parse(("endbox",))
    parser.delete_first_token()
    return BoxNode(nodelist)


class BoxNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return "<div>" + self.nodelist.render(context) + "</div>"


register.tag("box", do_box)
