class FourDigitYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return "%04d" % value


class ShortHexConverter:
    """Rejects values longer than four digits: Django then tries the next pattern."""

    regex = "[0-9a-f]+"

    def to_python(self, value):
        if len(value) > 4:
            raise ValueError("too long")
        return value

    def to_url(self, value):
        return value
