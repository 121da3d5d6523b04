from django.urls import path

from closeknit.couples import views

app_name = "couples"

urlpatterns = [
    path("couple/", views.couple_page, name="couple"),
    path("couple/settings/", views.settings_update, name="settings"),
    path("couple/invitations/", views.invitation_create, name="invitation_create"),
    path(
        "couple/invitations/<str:code>/revoke/", views.invitation_revoke, name="invitation_revoke"
    ),
    path("join/", views.join_by_code, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
]
