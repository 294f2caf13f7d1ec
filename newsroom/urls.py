from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Newsroom administration"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Archive records"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
]

handler400 = "articles.views.bad_request"
handler404 = "articles.views.page_not_found"
