from django.urls import path

from .views import analysis, bank, blueprints, campaigns, certificates, taking

app_name = "assessment"

urlpatterns = [
    path("", taking.MyTestsView.as_view(), name="my_tests"),
    path("assignments/<int:pk>/start/", taking.StartAttemptView.as_view(), name="attempt_start"),
    path("attempts/<int:pk>/", taking.AttemptView.as_view(), name="attempt"),
    path("attempts/<int:pk>/finish/", taking.FinishAttemptView.as_view(), name="attempt_finish"),
    path("attempts/<int:pk>/result/", taking.AttemptResultView.as_view(), name="attempt_result"),
    path("certificates/<int:pk>/pdf/", certificates.CertificateDownloadView.as_view(), name="certificate_pdf"),
    path("certificates/<int:pk>/revoke/", certificates.CertificateRevokeView.as_view(), name="certificate_revoke"),
    path("bank/", bank.QuestionListView.as_view(), name="question_list"),
    path("bank/new/", bank.QuestionFormView.as_view(), name="question_create"),
    path("bank/<int:pk>/edit/", bank.QuestionFormView.as_view(), name="question_edit"),
    path("bank/<int:pk>/toggle/", bank.QuestionToggleView.as_view(), name="question_toggle"),
    path("bank/import/", bank.QuestionImportView.as_view(), name="question_import"),
    path("bank/export/", bank.QuestionExportView.as_view(), name="question_export"),
    path("tests/", blueprints.TestListView.as_view(), name="test_list"),
    path("tests/new/", blueprints.TestFormView.as_view(), name="test_create"),
    path("tests/<int:pk>/", blueprints.TestDetailView.as_view(), name="test_detail"),
    path("tests/<int:pk>/edit/", blueprints.TestFormView.as_view(), name="test_edit"),
    path("tests/<int:pk>/publish/", blueprints.TestPublishView.as_view(), name="test_publish"),
    path("analysis/", analysis.ItemAnalysisView.as_view(), name="item_analysis"),
    path("campaigns/", campaigns.CampaignListView.as_view(), name="campaign_list"),
    path("campaigns/new/", campaigns.CampaignCreateView.as_view(), name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.CampaignDetailView.as_view(), name="campaign_detail"),
    path("campaigns/<int:pk>/action/", campaigns.CampaignActionView.as_view(), name="campaign_action"),
    path("proctor/attempts/<int:pk>/", campaigns.ProctorAttemptView.as_view(), name="proctor_attempt"),
]
