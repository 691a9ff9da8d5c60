"""The content API: Wagtail's v2 and v3 endpoints and the plain data they carry."""
