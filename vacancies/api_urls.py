from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("vacancies", api.PublicVacancyViewSet, basename="vacancy")
router.register("applications", api.ApplicationViewSet, basename="application")

urlpatterns = router.urls
