"""The editing groups of a clinic network, and the workflow that guards shared content.

- "Network editors" write procedures and conditions (add, edit, publish) and
  approve what others submit to them.
- One "Clinic editors: <location>" group per location edits and publishes that
  location's page and its local procedure pages, its testimonials and the
  images of its own collection. It may edit shared procedures and conditions
  but not publish them: such changes go to the "Network review" workflow.

- One "Brand editors: <site>" group per site edits and publishes that site's pages
  (its home page and everything under it, in every language) and the snippets its pages
  show, and nothing of another brand's site.

``ensure_network_teams`` and ``ensure_brand_editors`` are idempotent; the demo loader
calls both, the ``setup_clinic_teams`` command the first.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from clinics.models import ClinicTeam

NETWORK_EDITORS = "Network editors"
CLINIC_EDITORS_PREFIX = "Clinic editors: "
BRAND_EDITORS_PREFIX = "Brand editors: "
NETWORK_REVIEW_WORKFLOW = "Network review"
NETWORK_REVIEW_TASK = "Network editors approve"
#: What a clinic may do with the testimonials of its locations.
TESTIMONIAL_ACTIONS = ("add", "change", "delete", "publish")
IMAGE_ACTIONS = ("add", "change", "choose")
#: What a brand's editors may do with the snippets its pages show.
CALL_TO_ACTION_ACTIONS = ("add", "change", "delete")
PHYSICIAN_ACTIONS = ("add", "change")


def _model_permission(model, action):
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.get(
        content_type=content_type, codename=f"{action}_{model._meta.model_name}"
    )


def _grant_pages(group, page, actions):
    for action in actions:
        permission = Permission.objects.get(
            content_type__app_label="wagtailcore", codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group, collection, actions):
    from wagtail.images.models import Image

    for action in actions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_model_permission(Image, action)
        )


def _admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def ensure_network_editors(shared_sections):
    group, _created = Group.objects.get_or_create(name=NETWORK_EDITORS)
    group.permissions.add(_admin_access())
    for section in shared_sections:
        _grant_pages(group, section, ("add", "change", "publish"))
    _grant_collection(group, Collection.get_first_root_node(), ("choose",))
    return group


def ensure_network_review(shared_sections, network_editors):
    """The workflow that sends edits of shared content to the network editors for approval."""
    task = GroupApprovalTask.objects.filter(name=NETWORK_REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=NETWORK_REVIEW_TASK)
    task.groups.add(network_editors)
    workflow, _created = Workflow.objects.get_or_create(name=NETWORK_REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for section in shared_sections:
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": workflow})
    return workflow


def ensure_clinic_team(location, shared_sections):
    from people.models import Testimonial

    # A location's translations belong to the same clinic and team.
    team = (
        ClinicTeam.objects.filter(location__translation_key=location.translation_key)
        .select_related("editors")
        .first()
    )
    if team is None:
        group, _created = Group.objects.get_or_create(
            name=f"{CLINIC_EDITORS_PREFIX}{location.title}"[:150]
        )
        root = Collection.get_first_root_node()
        name = f"Clinic: {location.title}"
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        team = ClinicTeam.objects.create(location=location, editors=group, collection=collection)
    group = team.editors
    group.permissions.add(
        _admin_access(), *(_model_permission(Testimonial, action) for action in TESTIMONIAL_ACTIONS)
    )
    for page in location.get_translations(inclusive=True):
        _grant_pages(group, page, ("add", "change", "publish"))
    for section in shared_sections:
        _grant_pages(group, section, ("change",))
    if team.collection is not None:
        _grant_collection(group, team.collection, IMAGE_ACTIONS)
    return team


@transaction.atomic
def ensure_network_teams(shared_sections, locations):
    """Groups, collections, page permissions and the review workflow; returns the clinic teams.

    ``shared_sections`` are the index pages of the shared content (procedures and
    conditions); ``locations`` the location pages that get a team each.
    """
    # Translations of shared content are shared content too; a location's
    # translations belong to its clinic's one team.
    shared_sections = [
        translation
        for section in shared_sections
        for translation in section.get_translations(inclusive=True)
    ]
    network_editors = ensure_network_editors(shared_sections)
    ensure_network_review(shared_sections, network_editors)
    clinics = {}
    for location in locations:
        clinics.setdefault(location.translation_key, location)
    return [ensure_clinic_team(location, shared_sections) for location in clinics.values()]


@transaction.atomic
def ensure_brand_editors(site):
    """The editors' group of one brand: ``site``'s pages in every language, and snippets."""
    from core.models import CallToAction
    from people.models import Physician, Testimonial

    group, _created = Group.objects.get_or_create(
        name=f"{BRAND_EDITORS_PREFIX}{site.site_name or site.hostname}"[:150]
    )
    group.permissions.add(
        _admin_access(),
        *(_model_permission(CallToAction, action) for action in CALL_TO_ACTION_ACTIONS),
        *(_model_permission(Testimonial, action) for action in TESTIMONIAL_ACTIONS),
        *(_model_permission(Physician, action) for action in PHYSICIAN_ACTIONS),
    )
    for home in site.root_page.get_translations(inclusive=True):
        _grant_pages(group, home, ("add", "change", "publish"))
    _grant_collection(group, Collection.get_first_root_node(), ("choose",))
    return group
