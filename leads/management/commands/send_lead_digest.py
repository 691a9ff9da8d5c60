from django.core.management.base import BaseCommand
from django.utils import timezone

from leads.digest import lead_groups, send_group_digest


class Command(BaseCommand):
    help = (
        "E-mail each group of lead managers how many new leads wait on each of its forms "
        "(counts only, never names or what was sent). Runs once a day: a second run the same "
        "day sends nothing to a group that already had its digest."
    )

    def handle(self, *args, **options):
        day = timezone.localdate()
        sent = [group.name for group in lead_groups() if send_group_digest(group, day)]
        self.stdout.write(f"Lead digest of {day:%Y-%m-%d}: sent to {len(sent)} group(s).")
