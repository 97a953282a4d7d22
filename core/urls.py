"""Pages of the platform pieces: the inbox, document downloads and exports."""

from django.urls import include, path

from .documents.views import document_download
from .exporters import views as export_views
from .notifications import views as notification_views

notification_patterns = ([
    path("", notification_views.InboxView.as_view(), name="inbox"),
    path("settings/", notification_views.NotificationPreferencesView.as_view(), name="preferences"),
    path("read-all/", notification_views.NotificationReadAllView.as_view(), name="read_all"),
    path("<int:pk>/open/", notification_views.NotificationOpenView.as_view(), name="open"),
    path("<int:pk>/read/", notification_views.NotificationReadView.as_view(), name="read"),
], "notifications")

document_patterns = ([
    path("<uuid:pk>/", document_download, name="download"),
], "documents")

export_patterns = ([
    path("", export_views.ExportListView.as_view(), name="list"),
    path("<int:pk>/", export_views.ExportJobView.as_view(), name="job"),
    path("<int:pk>/status/", export_views.ExportJobStatusView.as_view(), name="job_status"),
], "exports")

urlpatterns = [
    path("notifications/", include(notification_patterns)),
    path("documents/", include(document_patterns)),
    path("exports/", include(export_patterns)),
]
