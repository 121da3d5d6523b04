from django.urls import path

from closeknit.checkins import views

app_name = "checkins"

urlpatterns = [
    path("checkins/", views.today, name="today"),
    path("checkins/save/", views.save, name="save"),
    path("checkins/guess/", views.guess, name="guess"),
    path("checkins/guess/skip/", views.skip, name="skip"),
    path("checkins/history/", views.history, name="history"),
    path("checkins/<uuid:checkin_id>/react/", views.react, name="react"),
    path("checkins/<uuid:checkin_id>/reply/", views.reply, name="reply"),
    path("checkins/<uuid:checkin_id>/help/", views.offer_help, name="help"),
]
