from django.urls import path

from .api import ReportDetailView, ReportListView

urlpatterns = [
    path("reports/", ReportListView.as_view(), name="report-list"),
    path("reports/<str:identifier>/", ReportDetailView.as_view(), name="report-detail"),
]
