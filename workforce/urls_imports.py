"""Imports and exports of the workforce record; included by ``workforce.urls`` (namespace "workforce")."""

from django.urls import path

from .views import imports

urlpatterns = [
    path("imports/", imports.ImportUploadView.as_view(), name="import_upload"),
    path("imports/<id:pk>/", imports.ImportJobView.as_view(), name="import_job"),
    path("imports/<id:pk>/progress/", imports.ImportJobProgressView.as_view(), name="import_job_progress"),
    path("imports/<id:pk>/start/", imports.ImportJobStartView.as_view(), name="import_job_start"),
    path("imports/<id:pk>/errors.csv", imports.ImportJobErrorsView.as_view(), name="import_job_errors"),
    path("imports/template/<str:kind>/", imports.ImportTemplateView.as_view(), name="import_template"),
    path("export/employees/", imports.ExportEmployeesView.as_view(), name="export_employees"),
    path("export/organizations/", imports.ExportOrganizationsView.as_view(), name="export_organizations"),
    path("export/staff-positions/", imports.ExportStaffPositionsView.as_view(), name="export_staff_positions"),
]
