"""The demo's substantiated claims, looked up by their wording, with their evidence kept in
a private collection (docs/governance.md, "Substantiated claims")."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from core.models import Claim
from demo.base import save_snippet

EVIDENCE_COLLECTION = "Claim evidence (private)"
RECOMMEND = "of our patients would recommend their physician"

# key: wording (the natural key) and the rest of the claim; the evidence is a text file.
CLAIMS = {
    "recommend": {
        "figure": "95%",
        "wording": RECOMMEND,
        "numerator": 1140,
        "denominator": 1200,
        "method": (
            "Anonymous survey mailed six weeks after the procedure; “yes” to “Would you "
            "recommend your physician to a friend or relative?”."
        ),
        "population": "Patients treated in the network's centres who answered the survey",
        "period": "January to December 2025",
        "source": "Demo patient survey",
        "evidence": (
            "Demo patient survey 2025: results",
            "Invented for the demo. 1,200 answers, 1,140 would recommend their physician.\n",
        ),
    },
}


def ensure_evidence_collection(ctx):
    """A collection only signed-in users may open: both APIs and the documents' own
    addresses refuse its documents to visitors."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=EVIDENCE_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=EVIDENCE_COLLECTION)
        ctx.report.add_created("Collections")
    else:
        ctx.report.add_present("Collections")
    CollectionViewRestriction.objects.get_or_create(
        collection=collection, defaults={"restriction_type": CollectionViewRestriction.LOGIN}
    )
    return collection


def _evidence(ctx, collection, title, text):
    document_model = get_document_model()
    document = document_model.objects.filter(collection=collection, title=title).first()
    if document is None:
        document = document_model(title=title, collection=collection)
        document.file.save("demo-claim-evidence.txt", ContentFile(text.encode()), save=False)
        ctx.written_files.append((document.file.storage, document.file.name))
        document.full_clean()
        document.save()
    return document


def ensure_claims(ctx):
    collection = ensure_evidence_collection(ctx)
    for key, data in CLAIMS.items():
        existing = Claim.objects.filter(wording=data["wording"], locale__language_code="en")
        if (claim := existing.first()) is not None:
            ctx.report.add_present("Claims")
            ctx.claims[key] = claim
            continue
        values = dict(data)
        title, text = values.pop("evidence")
        values["source_document"] = _evidence(ctx, collection, title, text)
        values["expires_on"] = ctx.days(365)
        ctx.claims[key] = save_snippet(Claim(**values))
        ctx.report.add_created("Claims")
    return ctx.claims


def statistic_block(claim):
    return {"type": "statistic", "value": {"claim": claim.pk}}
