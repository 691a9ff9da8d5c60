from django.urls import path

from leads import signed_forms, views

app_name = "leads"
urlpatterns = [
    path("", views.forms_index, name="index"),
    path("grant-self/", views.grant_self, name="grant_self"),
    path("log/", views.access_log, name="access_log"),
    path("forms/<int:page_id>/", views.submission_list, name="submissions"),
    path("forms/<int:page_id>/export/", views.export_csv, name="export"),
    path("forms/<int:page_id>/delete/", views.delete_submissions, name="delete"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission"),
    path("submissions/<int:submission_id>/handling/", views.update_handling, name="handling"),
    path("submissions/<int:submission_id>/notes/", views.add_note, name="add_note"),
    path("files/<int:upload_id>/", views.download_upload, name="download"),
    path(
        "consent-forms/<int:authorization_id>/",
        signed_forms.download_signed_form,
        name="signed_form",
    ),
]
