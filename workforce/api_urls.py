from django.urls import path
from rest_framework.routers import DefaultRouter

from . import api, api_imports

router = DefaultRouter()
router.register("regions", api.RegionViewSet, basename="region")
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("employees", api.EmployeeViewSet, basename="employee")
router.register("assignments", api.AssignmentViewSet, basename="assignment")
router.register("staff-positions", api.StaffPositionViewSet, basename="staff-position")
router.register("orders", api.OrderViewSet, basename="order")
router.register("imports", api_imports.ImportJobViewSet, basename="import")

urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    *router.urls,
]
