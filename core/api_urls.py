"""API of the platform pieces (included under /api/v1/)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .exporters.api import ExportJobViewSet
from .notifications.api import NotificationPreferencesView, NotificationViewSet

router = SimpleRouter()
router.register("notifications", NotificationViewSet, basename="notification")
router.register("exports", ExportJobViewSet, basename="export")

urlpatterns = [
    path("notifications/preferences/", NotificationPreferencesView.as_view(), name="notification-preferences"),
    *router.urls,
]
