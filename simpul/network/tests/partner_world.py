"""A small world of partners for the partner and agreement tests, made through the services.

SMA N 1 Metro (linked to the SMAN1 library, whose administrator is Agus) and a company's CSR
programme linked to the city library only (Dewi's). Each has one agreement; Monday 2 March 2026
is the day the tests live on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from simpul.demo.network import DemoNetwork
from simpul.network import services
from simpul.network.choices import AgreementKind, AgreementScope, AgreementStatus, PartnerKind
from simpul.network.models import Agreement, Partner

TODAY = date(2026, 3, 2)
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf(
    name: str = "pks-ditandatangani.pdf",
    content: bytes = PDF,
    content_type: str = "application/pdf",
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def partner(name: str, *libraries: Any, kind: str = PartnerKind.SCHOOL, **fields: Any) -> Partner:
    values = {"name": name, "kind": kind, "city": "Kota Metro", **fields}
    return services.create_partner(values, libraries=libraries)


def agreement(
    number: str,
    *partners: Partner,
    library: Any,
    starts: date = date(2025, 7, 1),
    ends: date = date(2027, 6, 30),
    status: str = AgreementStatus.DRAFT,
    responsible: Any = None,
    **fields: Any,
) -> Agreement:
    values = {
        "kind": AgreementKind.PKS,
        "number": number,
        "title": f"Kerja sama {partners[0].name}",
        "library": library,
        "signed_on": starts,
        "starts_on": starts,
        "ends_on": ends,
        "scope": [AgreementScope.RESOURCE_SHARING, AgreementScope.TRAINING],
        "responsible": responsible,
        **fields,
    }
    made = services.create_agreement(values, partners=partners, by=responsible)
    if status != AgreementStatus.DRAFT:
        services.set_status(made, AgreementStatus.ACTIVE, by=responsible, today=starts)
    if status in (AgreementStatus.TERMINATED, AgreementStatus.EXPIRED):
        services.set_status(made, status, by=responsible, today=starts)
    return made


@dataclass
class World:
    school: Partner
    company: Partner
    school_pks: Agreement
    company_mou: Agreement


def build(network: DemoNetwork) -> World:
    libraries, people = network.libraries, network.people
    school = partner("SMA Negeri 1 Metro", libraries["SMAN1"])
    company = partner("PT Tani Makmur (CSR)", libraries["KOTA"], kind=PartnerKind.COMPANY)
    return World(
        school=school,
        company=company,
        school_pks=agreement(
            "045/PKS/SMAN1/2025",
            school,
            library=libraries["SMAN1"],
            status=AgreementStatus.ACTIVE,
            responsible=people["agus"],
        ),
        company_mou=agreement(
            "CSR-01/2025",
            company,
            library=libraries["KOTA"],
            kind=AgreementKind.MOU,
            scope=[AgreementScope.DONATION],
            status=AgreementStatus.ACTIVE,
            responsible=people["dewi"],
        ),
    )
