from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core import views as core_views
from vacancies.feeds import SITEMAPS

admin.site.site_header = "Davlat fuqarolik xizmati — HR"
admin.site.site_title = "HR"

api_v1 = [
    path("", include("workforce.api_urls")),
    path("", include("core.api_urls")),
    path("", include("vacancies.api_urls")),
    path("assessment/", include("assessment.api_urls")),
    path("", include("reports.api_urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages that name none (the admin, Swagger UI).
    path("favicon.ico", core_views.favicon),
    path("verify/<str:code>/", core_views.verify_document, name="verify"),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/login/", core_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password/change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("accounts/password/reset/", core_views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password/reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("workforce/", include("workforce.urls")),
    path("", include("core.urls")),
    path("", include("vacancies.urls")),  # /vacancies/ (public portal, HR, commission) and /cabinet/
    path("sitemap.xml", sitemap_view, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("assessment/", include("assessment.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file of its own (?script), so the
    # page needs no inline script and keeps the Content-Security-Policy.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="core/swagger_ui.html"),
         name="swagger-ui"),
    path("admin/", admin.site.urls),
]

handler404 = "core.views.error_404"
handler403 = "core.views.error_403"
handler500 = "core.views.error_500"
handler400 = "core.views.error_400"
# No route serves MEDIA_ROOT, not even with DEBUG on: uploaded files are personal data and are
# streamed only by views that check the requester's access.
