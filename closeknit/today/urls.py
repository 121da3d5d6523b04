from django.urls import path

from closeknit.today import views

app_name = "today"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("today/", views.today, name="index"),
    path("safety/", views.safety, name="safety"),
]
