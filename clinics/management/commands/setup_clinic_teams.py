from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from clinics.teams import ensure_network_teams
from locations.models import LocationPage
from procedures.models import ConditionIndexPage, ProcedureIndexPage


class Command(BaseCommand):
    help = (
        "Create (or complete) the Network editors group, one Clinic editors group and image "
        "collection per location, and the Network review workflow on the shared content of "
        "the default site. Safe to run again, e.g. after adding a location."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            raise CommandError("There is no default site: run load_demo_content or add one.")
        root = site.root_page
        sections = [
            *ProcedureIndexPage.objects.descendant_of(root),
            *ConditionIndexPage.objects.descendant_of(root),
        ]
        if not sections:
            raise CommandError("The default site has no procedure or condition index page.")
        teams = ensure_network_teams(sections, LocationPage.objects.order_by("path"))
        for team in teams:
            self.stdout.write(f"{team.editors.name}: {team.location.url_path}")
        self.stdout.write(self.style.SUCCESS(f"{len(teams)} clinic teams ready."))
