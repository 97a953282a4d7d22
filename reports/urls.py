from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("hr/", views.HRDashboardView.as_view(), name="hr_dashboard"),
    path("workbook.xlsx", views.WorkbookView.as_view(), name="workbook"),
]
