urlpatterns = []  # invoice, payment proof, verification, delivery, downloads (SOP step 7)
