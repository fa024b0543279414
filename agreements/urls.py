from django.urls import path

from agreements import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="detail"),
    path("ftas/", views.fta_list, name="ftas"),
    path("commitments/", views.commitment_list, name="commitments"),
]
