from django.urls import path

from .views import organizations

app_name = "workforce"

urlpatterns = [
    path("organizations/", organizations.OrganizationTreeView.as_view(), name="organization_tree"),
    path("organizations/<int:pk>/", organizations.OrganizationDetailView.as_view(), name="organization_detail"),
    path(
        "organizations/<int:pk>/children/",
        organizations.OrganizationChildrenView.as_view(),
        name="organization_children",
    ),
]
