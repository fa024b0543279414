from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar/", views.event_calendar, name="calendar"),
    path("events/calendar/<int:year>/<int:month>/", views.event_calendar, name="calendar-month"),
    path("events/feed.ics", views.event_ical, name="ical"),
    path("events/<slug:slug>/", views.event_detail, name="detail"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/<slug:slug>/", views.delegation_detail, name="delegation"),
    path("initiatives/", views.initiative_list, name="initiatives"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="initiative"),
]
