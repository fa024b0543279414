from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("events", views.EventViewSet)
router.register("delegations", views.DelegationViewSet)
router.register("initiatives", views.InitiativeViewSet)

urlpatterns = router.urls
