from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("regions", api.RegionViewSet, basename="region")
router.register("organizations", api.OrganizationViewSet, basename="organization")

urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    *router.urls,
]
