from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """The Django admin, served by Newsroom's own admin site (newsroom/admin.py)."""

    default_site = "newsroom.admin.NewsroomAdminSite"
