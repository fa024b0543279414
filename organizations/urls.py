from django.urls import path

from organizations import views

app_name = "organizations"

urlpatterns = [
    path("organizations/", views.organization_list, name="list"),
    path("organizations/tree/", views.organization_tree, name="tree"),
    path("organizations/<slug:slug>/", views.organization_detail, name="detail"),
    path("memberships/", views.membership_list, name="memberships"),
    path("offices/", views.office_list, name="offices"),
]
