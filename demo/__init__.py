"""Demo content for Foramen: an invented North American Spine site to explore the CMS with.

``demo.loader.load_demo_content`` builds it; the ``load_demo_content``
management command runs it. Every object is looked up by a natural key first,
so running the loader again creates nothing new.
"""
