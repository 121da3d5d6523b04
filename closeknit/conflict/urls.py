from django.urls import path

from closeknit.conflict import views

app_name = "conflict"

urlpatterns = [
    path("conflict/coach/", views.coach, name="coach"),
]
