from rest_framework.routers import SimpleRouter

from organizations.api import views

router = SimpleRouter()
router.register("organizations", views.OrganizationViewSet)
router.register("memberships", views.MembershipViewSet)
router.register("dues", views.DuesViewSet, basename="dues")
router.register("people", views.PersonViewSet)
router.register("offices", views.OfficeViewSet)
router.register("ballots", views.BallotViewSet)

urlpatterns = router.urls
