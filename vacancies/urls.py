from django.urls import include, path

from .feeds import VacancyFeed
from .views import cabinet, commission, hr, portal

app_name = "vacancies"

portal_patterns = [
    path("", portal.PortalListView.as_view(), name="portal"),
    path("feed/", VacancyFeed(), name="feed"),
    path("<int:pk>/", portal.PortalDetailView.as_view(), name="detail"),
    path("<int:pk>/apply/", cabinet.ApplyView.as_view(), name="apply"),
    # HR officers
    path("hr/", hr.HRVacancyListView.as_view(), name="hr_list"),
    path("hr/new/", hr.HRVacancyCreateView.as_view(), name="hr_create"),
    path("hr/funnel/", hr.FunnelView.as_view(), name="hr_funnel"),
    path("hr/<int:pk>/", hr.HRVacancyDetailView.as_view(), name="hr_detail"),
    path("hr/<int:pk>/edit/", hr.HRVacancyEditView.as_view(), name="hr_edit"),
    path("hr/<int:pk>/bulk/", hr.HRBulkView.as_view(), name="hr_bulk"),
    path("hr/<int:pk>/export/", hr.HRApplicantsExportView.as_view(), name="hr_export"),
    path("hr/<int:pk>/<slug:action>/", hr.HRVacancyActionView.as_view(), name="hr_action"),
    path("hr/applications/<int:pk>/", hr.HRApplicationView.as_view(), name="hr_application"),
    # Commission members
    path("commission/", commission.CommissionListView.as_view(), name="commission_list"),
    path("commission/<int:pk>/", commission.CommissionScoringView.as_view(), name="commission_scoring"),
]

cabinet_patterns = [
    path("", cabinet.CabinetView.as_view(), name="cabinet"),
    path("profile/", cabinet.ProfileView.as_view(), name="profile"),
    path("signup/", cabinet.SignupView.as_view(), name="signup"),
    path("signup/sent/", cabinet.SignupSentView.as_view(), name="signup_sent"),
    path("activate/<str:uidb64>/<str:token>/", cabinet.activate, name="activate"),
    path("applications/<int:pk>/withdraw/", cabinet.WithdrawView.as_view(), name="withdraw"),
]

# The portal lives under /vacancies/, the candidate's cabinet under /cabinet/ (one namespace).
urlpatterns = [
    path("vacancies/", include(portal_patterns)),
    path("cabinet/", include(cabinet_patterns)),
]
