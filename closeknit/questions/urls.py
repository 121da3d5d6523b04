from django.urls import path

from closeknit.questions import views

app_name = "questions"

urlpatterns = [
    path("questions/today/", views.today, name="today"),
    path("questions/history/", views.history, name="history"),
    path("questions/library/", views.library, name="library"),
    path("questions/library/<uuid:question_id>/ask/", views.ask_now, name="ask_now"),
    path("questions/own/", views.own, name="own"),
    path("questions/own/<uuid:question_id>/delete/", views.own_delete, name="own_delete"),
    path("questions/settings/", views.settings_page, name="settings"),
    path("questions/decks/import/", views.deck_import, name="deck_import"),
    path("questions/decks/<uuid:deck_id>/export/", views.deck_export, name="deck_export"),
    path("questions/decks/<uuid:deck_id>/delete/", views.deck_delete, name="deck_delete"),
    path("questions/answers/<uuid:answer_id>/react/", views.react, name="react"),
    path("questions/answers/<uuid:answer_id>/comment/", views.comment, name="comment"),
    path("questions/listen/", views.listen_start, name="listen_start"),
    path("questions/listen/<uuid:session_id>/", views.listen, name="listen"),
    path("questions/listen/<uuid:session_id>/done/", views.listen_done, name="listen_done"),
    path("questions/<uuid:daily_id>/", views.daily, name="daily"),
    path("questions/<uuid:daily_id>/answer/", views.answer, name="answer"),
    path("questions/<uuid:daily_id>/swap/", views.swap, name="swap"),
]
