from django.urls import path

from public import pages, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search-suggest"),
    path("partners/", views.partner_index, name="partners"),
    path("partners/country/<str:code>/", views.partner_country, name="partner-country"),
    path("partners/<slug:slug>/", views.partner_organization, name="partner-organization"),
    path("countries/", views.coverage_matrix, name="coverage"),
    path("countries/<str:code>/", views.country_coverage, name="country"),
    path("map/", views.cooperation_map, name="map"),
    # The pages a government site has (sitepages).
    path("about/", pages.about, name="about"),
    path("contact/", pages.contact, name="contact"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("api/", pages.api, name="api"),
]
