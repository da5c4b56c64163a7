from django.http import HttpResponse


def year_index(request, year):
    return HttpResponse(str(year))


async def month_index(request, year, month):
    return HttpResponse(f"{year}-{month}")


def day_index(request, year, month, day):
    return HttpResponse(f"{year}-{month}-{day}")
