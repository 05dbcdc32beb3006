from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.cache import cache_health


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not. A sick cache
    does not stop the site (pages are then served uncached), so it reads "degraded" in a 200:
    a load balancer keeps the server, and monitoring sees the cache."""
    cache = cache_health()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse(
            {"status": "error", "database": "unreachable", "cache": cache}, status=503
        )
    status = "degraded" if cache == "degraded" else "ok"
    return JsonResponse({"status": status, "database": "ok", "cache": cache})
