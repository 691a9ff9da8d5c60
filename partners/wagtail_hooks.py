from wagtail import hooks
from wagtail.permissions import register_permission_policy

from partners.models import Partner, PartnerKey
from partners.permissions import PartnerManagersPolicy
from partners.views import PartnerKeyViewSet, PartnerViewSet

register_permission_policy(Partner, PartnerManagersPolicy(Partner))
register_permission_policy(PartnerKey, PartnerManagersPolicy(PartnerKey))


@hooks.register("register_admin_viewset")
def register_partner_viewsets():
    return [PartnerViewSet("partners"), PartnerKeyViewSet("partner_keys")]
