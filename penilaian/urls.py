app_name = "penilaian"
urlpatterns = []
