"""Local procedure pages in the JSON-LD graph (core.structured_data): about the shared
procedure they localize, with the surgeons who do it at that clinic."""

from clinics.models import LocalProcedurePage
from core import structured_data
from people.structured_data import physician_node


def local_procedure(page, graph):
    procedure = page.listed_procedure()
    if procedure is not None:
        graph.webpage["mainEntity"] = graph.entity(procedure)
    surgeons = [graph.link(physician_node(graph, surgeon)) for surgeon in page.listed_surgeons()]
    if surgeons:
        graph.webpage["mentions"] = surgeons


def register():
    structured_data.register(LocalProcedurePage, local_procedure)
