urlpatterns = []  # deadline board (SOP steps 5 and 7 clocks)
