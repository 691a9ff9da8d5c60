"""The django-tasks task that sends due deliveries (cms/settings/base.py, TASKS)."""

from django.utils import timezone
from django_tasks import task

from webhooks import delivery


@task()
def send_due_deliveries(sequence=None, endpoint_id=None):
    """Send what is due to the endpoints of one event, or to one endpoint; the number sent."""
    return delivery.send_due(sequence=sequence, endpoint_id=endpoint_id)


def send_when_due(due_at, **kwargs):
    """Run send_due_deliveries at ``due_at`` (the end of a coalescing window).

    A backend that cannot defer a task (the immediate one of development and tests) runs
    it now when it is due already; else the deliveries go at the next run of the periodic
    job ``deliver_webhooks``, within a minute.
    """
    if due_at <= timezone.now():
        send_due_deliveries.enqueue(**kwargs)
    elif send_due_deliveries.get_backend().supports_defer:
        send_due_deliveries.using(run_after=due_at).enqueue(**kwargs)
