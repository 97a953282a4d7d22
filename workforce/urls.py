from django.urls import include, path

from .views import employees, order_documents, orders, organizations, reserve, staffing

app_name = "workforce"

urlpatterns = [
    path("organizations/", organizations.OrganizationTreeView.as_view(), name="organization_tree"),
    path("organizations/<id:pk>/", organizations.OrganizationDetailView.as_view(), name="organization_detail"),
    path("organizations/<id:pk>/children/", organizations.OrganizationChildrenView.as_view(),
         name="organization_children"),
    path("organizations/<id:pk>/staffing/", staffing.StaffingTableView.as_view(), name="staffing_table"),
    path("organizations/<id:pk>/staffing/new/", staffing.StaffPositionFormView.as_view(),
         name="staff_position_create"),
    path("organizations/<id:pk>/staffing/<id:position_pk>/edit/", staffing.StaffPositionFormView.as_view(),
         name="staff_position_edit"),
    path("employees/", employees.EmployeeListView.as_view(), name="employee_list"),
    path("employees/new/", employees.EmployeeCreateView.as_view(), name="employee_create"),
    path("employees/<id:pk>/", employees.EmployeeDetailView.as_view(), name="employee_detail"),
    path("employees/<id:pk>/edit/", employees.EmployeeEditView.as_view(), name="employee_edit"),
    path("employees/<id:pk>/education/new/", employees.EducationAddView.as_view(), name="education_add"),
    path("employees/<id:pk>/circumstances/new/", employees.CircumstanceAddView.as_view(), name="circumstance_add"),
    path("employees/<id:pk>/orders/<str:kind>/", orders.OrderView.as_view(), name="employee_order"),
    path("orders/<id:pk>/", order_documents.OrderDocumentView.as_view(), name="order_document"),
    path("orders/<id:pk>/pdf/", order_documents.OrderPdfView.as_view(), name="order_pdf"),
    path("me/", employees.MyProfileView.as_view(), name="my_profile"),
    path("reserve/", reserve.ReserveListView.as_view(), name="reserve_list"),
    path("reserve/new/", reserve.ReserveAddView.as_view(), name="reserve_add"),
    path("reserve/<id:pk>/withdraw/", reserve.ReserveWithdrawView.as_view(), name="reserve_withdraw"),
    path("", include("workforce.urls_imports")),
]
