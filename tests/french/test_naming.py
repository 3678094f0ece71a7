"""Tests for amendtrack.french.naming: how an act names who presides, the assembly, the place."""

from __future__ import annotations

from amendtrack.french.naming import (
    assembly_of_collectivite,
    capitalised_assembly,
    function_of,
    of,
    place_of,
    register_capitals,
    with_article,
)


def test_who_presides_and_signs() -> None:
    assert function_of("Madame la Maire") == "La Maire"
    assert function_of("Monsieur le Président") == "Le Président"
    assert function_of("Madame la Vice-Présidente") == "La Vice-Présidente"
    assert of("Madame la Maire") == "de Madame la Maire"
    assert of("Le président de séance") == "du président de séance"
    assert of("L'adjoint délégué") == "de l'adjoint délégué"
    assert of("Anne MARTIN") == "d'Anne MARTIN"


def test_assemblies() -> None:
    assert with_article("conseil municipal") == "le conseil municipal"
    assert with_article("commission permanente", "de") == "de la commission permanente"
    assert with_article("assemblée délibérante") == "l'assemblée délibérante"
    assert capitalised_assembly("conseil d'administration") == "Conseil d'Administration"
    assert register_capitals(with_article("comité syndical", "de")) == "DU COMITE SYNDICAL"


def test_assembly_of_a_kind_of_collectivite() -> None:
    assert assembly_of_collectivite("VILLE D'AULNOY-LEZ-VALENCIENNES") == "conseil municipal"
    assert assembly_of_collectivite("Centre communal d’action sociale de Marly") == (
        "conseil d'administration")
    assert assembly_of_collectivite("SIVOM du Val") == "comité syndical"
    assert assembly_of_collectivite("Communauté de communes du Pays de Mormal") == (
        "conseil communautaire")
    assert assembly_of_collectivite("Département du Nord") == "conseil départemental"
    assert assembly_of_collectivite("Association des amis") is None


def test_places() -> None:
    assert place_of("Ville d'Aulnoy-lez-Valenciennes") == "Aulnoy-lez-Valenciennes"
    assert place_of("VILLE D'AULNOY-LEZ-VALENCIENNES") == "Aulnoy-lez-Valenciennes"
    assert place_of("COMMUNE DE SAINT-ESSAI") == "Saint-Essai"
    assert place_of("Centre communal d'action sociale de Marly") == "Marly"
    assert place_of("Valenciennes Métropole") == "Valenciennes Métropole"
