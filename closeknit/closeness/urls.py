from django.urls import path, re_path

from closeknit.closeness import views

app_name = "closeness"

urlpatterns = [
    path("closeness/", views.index, name="index"),
    path("closeness/check/", views.check, name="check"),
    path("closeness/focus/", views.focus, name="focus"),
    re_path(r"^closeness/(?P<year>[0-9]{4})-(?P<month>[0-9]{2})/$", views.month, name="month"),
    re_path(r"^closeness/(?P<year>[0-9]{4})/$", views.year, name="year"),
]
