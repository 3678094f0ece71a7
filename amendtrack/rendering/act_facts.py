"""The facts an amending act is written from, as the values of the house template's placeholders.

Every value comes from the versions: NEW's metadata and version information (who presides, the
assembly, the séance, the numéro, the vote, what it modifies), OLD's séance and numéro for the
deliberation modified. Two facts may be missing and still be needed by a sentence: who presides
(the template's ``defauts.presidence`` then stands in) and the assembly (then inferred from the
kind of collectivité, as the law gives it). The configuration's facts (`ActSettings.facts`:
assembly, who presides and their name) stand in before those defaults, and never over a fact a
version states. `ActFacts.notes` says so for each one a sentence actually used, so the act never
carries a guessed or configured fact silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from amendtrack.french.calendar import french_date
from amendtrack.french.naming import (
    assembly_of_collectivite,
    capitalised_assembly,
    function_of,
    of,
    place_of,
    register_capitals,
    with_article,
)
from amendtrack.french.votes import vote_phrase
from amendtrack.model import Version
from amendtrack.rendering.template import HouseTemplate
from amendtrack.translation import _

_ASSEMBLY_KEYS = frozenset({"assemblee", "Assemblee", "ASSEMBLEE", "le_assemblee",
                            "Le_Assemblee", "du_assemblee", "DU_ASSEMBLEE"})
_PRESIDING_KEYS = frozenset({"presidence", "de_presidence", "fonction"})


class Values(dict[str, str]):
    """Placeholder values that remember which ones a sentence used."""

    def __init__(self, values: Mapping[str, str]) -> None:
        super().__init__(values)
        self.used: set[str] = set()

    def __getitem__(self, key: str) -> str:
        self.used.add(key)
        return super().__getitem__(key)


@dataclass(frozen=True, slots=True)
class ActFacts:
    """The placeholder values of one act, and what was not stated."""

    values: Values
    presidence_stated: bool
    assembly_stated: bool
    inferred_assembly: str | None
    """The assembly inferred from the collectivité, when none is stated."""
    configured: frozenset[str] = frozenset()
    """The facts taken from the configuration (`ActSettings.facts`)."""
    origin: str = ""
    """Where those come from (the configuration file)."""

    @property
    def numero_modifie(self) -> bool:
        """Whether the numéro of the deliberation modified is known."""
        return bool(self.values.get("numero_modifie"))

    def notes(self) -> list[str]:
        """Warnings for the facts a sentence used without their being stated."""
        notes = self._configured_notes()
        used = self.values.used
        if not self.presidence_stated and used & _PRESIDING_KEYS \
                and "presidence" not in self.configured:
            notes.append(
                _("the act names who presides « {presidence} »: no fact says who does; give it "
                  "with --meta presidence='Madame la Maire' when importing NEW").format(
                    presidence=dict.__getitem__(self.values, "presidence"))
            )
        if not self.assembly_stated and used & _ASSEMBLY_KEYS \
                and "assemblee" not in self.configured:
            assembly = dict.__getitem__(self.values, "assemblee")
            if self.inferred_assembly:
                notes.append(_("the act names the assembly « {assembly} », inferred from the "
                               "collectivité; give it with --meta assemblee='…' when importing "
                               "NEW").format(assembly=assembly))
            else:
                notes.append(_("the act names the assembly « {assembly} »: no fact says which; "
                               "give it with --meta assemblee='…' when importing NEW").format(
                    assembly=assembly))
        return notes

    def _configured_notes(self) -> list[str]:
        """The configuration's facts a sentence used: the versions do not state them."""
        used = self.values.used
        value = dict.__getitem__
        notes: list[str] = []
        if "presidence" in self.configured and used & _PRESIDING_KEYS:
            notes.append(_("the act names who presides « {value} », from {origin}: no fact of "
                           "the versions says who does").format(
                value=value(self.values, "presidence"), origin=self.origin))
        if "president" in self.configured and "president" in used:
            notes.append(_("the act names the president « {value} », from {origin}: no fact "
                           "of the versions names them").format(
                value=value(self.values, "president"), origin=self.origin))
        if "assemblee" in self.configured and used & _ASSEMBLY_KEYS:
            notes.append(_("the act names the assembly « {value} », from {origin}: no fact of "
                           "the versions says which").format(
                value=value(self.values, "assemblee"), origin=self.origin))
        return notes


def act_facts(new: Version, old: Version, template: HouseTemplate,
              configured: Mapping[str, str] | None = None, origin: str = "") -> ActFacts:
    """The values of every placeholder for the act that makes NEW of OLD; `configured` gives
    the assembly, who presides and their name when neither version states them."""
    metadata = new.metadata
    defaults = _configured_facts(new, old, configured or {})
    inferred = None
    assembly = metadata.assemblee or old.metadata.assemblee or defaults.get("assemblee")
    if assembly is None:
        inferred = assembly_of_collectivite(metadata.collectivite)
        assembly = inferred or "assemblée délibérante"
    stated_presidence = metadata.presidence
    presidence = stated_presidence or defaults.get("presidence") \
        or template.text("defauts.presidence", {})
    act = new.info.act
    modified_date = new.info.modifies or old.metadata.seance or old.info.date
    values: dict[str, str] = {
        "collectivite": metadata.collectivite,
        "COLLECTIVITE": metadata.collectivite.upper(),
        "lieu": place_of(metadata.collectivite),
        "assemblee": assembly,
        "Assemblee": capitalised_assembly(assembly),
        "ASSEMBLEE": register_capitals(assembly),
        "le_assemblee": with_article(assembly),
        "Le_Assemblee": _capital(with_article(assembly), capitalised_assembly(assembly)),
        "du_assemblee": with_article(assembly, "de"),
        "DU_ASSEMBLEE": register_capitals(with_article(assembly, "de")),
        "date_seance": french_date(metadata.seance),
        "numero": (act.numero if act is not None else None) or metadata.numero or "",
        "objet": metadata.objet,
        "secretaire": metadata.secretaire or "",
        "presidence": presidence,
        "de_presidence": of(presidence),
        "fonction": function_of(presidence),
        "president": metadata.president or defaults.get("president", ""),
        "numero_modifie": new.info.modifies_numero or old.metadata.numero or "",
        "date_modifiee": french_date(modified_date),
        "vote": vote_phrase(metadata.vote),
        "marques": "",
        "ancienne_place": "",
    }
    values["reference"] = template.text(
        "expose.reference" if values["numero_modifie"] else "expose.reference_sans_numero", values)
    return ActFacts(Values(values), stated_presidence is not None,
                    metadata.assemblee is not None or old.metadata.assemblee is not None,
                    inferred, frozenset(defaults), origin)


def _configured_facts(new: Version, old: Version, configured: Mapping[str, str]) -> dict[str, str]:
    """The configured facts the act takes: those no version states. The configured name of who
    presides goes with the configured title only: a version naming who presides is theirs."""
    metadata = new.metadata
    taken: dict[str, str] = {}
    if configured.get("assemblee") and not (metadata.assemblee or old.metadata.assemblee):
        taken["assemblee"] = configured["assemblee"]
    if not (metadata.presidence or metadata.president):
        taken.update((key, configured[key]) for key in ("presidence", "president")
                     if configured.get(key))
    return taken


def _capital(with_its_article: str, capitalised: str) -> str:
    # « le conseil municipal » → « Le Conseil Municipal »; « l'assemblée … » → « L'Assemblée … ».
    article = with_its_article[: len(with_its_article) - len(capitalised)]
    return article[:1].upper() + article[1:] + capitalised


__all__ = ["ActFacts", "Values", "act_facts"]
