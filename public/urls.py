from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("partners/", views.partner_index, name="partners"),
    path("partners/country/<str:code>/", views.partner_country, name="partner-country"),
    path("partners/<slug:slug>/", views.partner_organization, name="partner-organization"),
    path("countries/", views.coverage_matrix, name="coverage"),
    path("countries/<str:code>/", views.country_coverage, name="country"),
    path("map/", views.cooperation_map, name="map"),
]
