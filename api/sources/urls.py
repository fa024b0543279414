from rest_framework.routers import SimpleRouter

from core.api import views

router = SimpleRouter()
router.register("sources", views.SourceViewSet)
router.register("reported-figures", views.ReportedFigureViewSet)

urlpatterns = router.urls
