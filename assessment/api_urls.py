from django.urls import path

from . import api

app_name = "assessment-api"

urlpatterns = [
    path("attempts/", api.AttemptListView.as_view(), name="attempt-list"),
    path("attempts/<int:pk>/", api.AttemptDetailView.as_view(), name="attempt-detail"),
    path("attempts/<int:pk>/answers/<int:question_id>/", api.AnswerView.as_view(), name="attempt-answer"),
    path("attempts/<int:pk>/finish/", api.FinishView.as_view(), name="attempt-finish"),
    path("attempts/<int:pk>/result/", api.ResultView.as_view(), name="attempt-result"),
    path("attempts/<int:pk>/events/", api.EventsView.as_view(), name="attempt-events"),
    path("assignments/", api.MyAssignmentsView.as_view(), name="assignment-list"),
]
