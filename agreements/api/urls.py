from rest_framework.routers import SimpleRouter

from agreements.api import views

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet)
router.register("commitments", views.CommitmentViewSet)

urlpatterns = router.urls
