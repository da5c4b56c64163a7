class RequestCountMiddleware:
    """Counts the requests this process has served and reports it in a header."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.count = 0

    def __call__(self, request):
        self.count += 1
        response = self.get_response(request)
        response["X-Request-Count"] = str(self.count)
        return response
