"""The django-tasks task that sends due deliveries (cms/settings/base.py, TASKS)."""

from django_tasks import task

from webhooks import delivery


@task()
def send_due_deliveries(sequence=None, endpoint_id=None):
    """Send what is due of one event's deliveries, or of one endpoint's; the number sent."""
    return delivery.send_due(sequence=sequence, endpoint_id=endpoint_id)
