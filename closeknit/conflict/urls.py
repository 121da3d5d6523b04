from django.urls import path

from closeknit.conflict import views

app_name = "conflict"

urlpatterns = [
    path("conflict/coach/", views.coach, name="coach"),
    path("conflict/timeout/", views.timeout, name="timeout"),
    path("conflict/timeout/start/", views.timeout_start, name="timeout_start"),
    path("conflict/timeout/end/", views.timeout_end, name="timeout_end"),
]
