app_name = "antrian"
urlpatterns = []
