app_name = "workbook"
urlpatterns: list = []
