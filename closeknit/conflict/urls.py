from django.urls import path

from closeknit.conflict import views

app_name = "conflict"

urlpatterns = [
    path("conflict/coach/", views.coach, name="coach"),
    path("conflict/timeout/", views.timeout, name="timeout"),
    path("conflict/timeout/start/", views.timeout_start, name="timeout_start"),
    path("conflict/timeout/end/", views.timeout_end, name="timeout_end"),
    path("conflict/repairs/", views.repairs, name="repairs"),
    path("conflict/repairs/start/", views.repair_start, name="repair_start"),
    path("conflict/repairs/coach/<str:field>/", views.repair_coach, name="repair_coach"),
    path("conflict/repairs/<uuid:repair_id>/", views.repair, name="repair"),
    path("conflict/repairs/<uuid:repair_id>/side/", views.repair_side, name="repair_side"),
    path("conflict/repairs/<uuid:repair_id>/side/done/", views.repair_done, name="repair_done"),
    path(
        "conflict/repairs/<uuid:repair_id>/agreement/",
        views.repair_agreement,
        name="repair_agreement",
    ),
    path("conflict/repairs/<uuid:repair_id>/accept/", views.repair_accept, name="repair_accept"),
    path("conflict/repairs/<uuid:repair_id>/forgive/", views.repair_forgive, name="repair_forgive"),
]
