from django.urls import include, path

from closeknit.api import api
from closeknit.health import health

urlpatterns = [
    path("healthz", health, name="health"),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("closeknit.accounts.urls")),
    path("", include("closeknit.couples.urls")),
    path("", include("closeknit.questions.urls")),
    path("", include("closeknit.closeness.urls")),
    path("", include("closeknit.insights.urls")),
    path("", include("closeknit.checkins.urls")),
    path("", include("closeknit.conflict.urls")),
    path("", include("closeknit.today.urls")),
]
