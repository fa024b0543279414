from rest_framework.routers import SimpleRouter

from api.sources import views

router = SimpleRouter()
router.register("sources", views.SourceViewSet)
router.register("reported-figures", views.ReportedFigureViewSet)

urlpatterns = router.urls
