"""A generated registry: N deliberations × 3 versions, of realistic sizes, a few large ones.

Used by `bench/batch_bench.py` and by the batch tests (a smaller store). Each deliberation is
made from its own seeded random generator, so the first N deliberations of a larger registry
are the same as those of a registry of N, and every run gives the same files.

A typical deliberation is about 4 KB of version XML: visas, considérants, an exposé, « DÉCIDE : »
and five to nine articles with amounts and dates. One in `LARGE_EVERY` carries an annex (a
tariff table of several hundred lines, 60–150 KB). Version 2 changes an amount, rewords the
exposé and inserts an article; version 3 deletes a considérant, changes a date and adds a
sentence to an article: the changes a real registry sees.
"""

from __future__ import annotations

import datetime
import random
import shutil
from pathlib import Path

from amendtrack.french.calendar import french_date
from amendtrack.importers.text import version_from_text
from amendtrack.model import Metadata, ModifyingAct, Version, VersionInfo
from amendtrack.store import Store, init_store

LARGE_EVERY = 250
SUBJECTS = (
    "Tarifs de la restauration scolaire pour l’année {year}",
    "Convention de partenariat avec l’association « {name} »",
    "Attribution d’une subvention exceptionnelle au club {name}",
    "Modification du tableau des effectifs du personnel communal",
    "Acquisition de la parcelle cadastrée section {letter} n° {n}",
    "Convention territoriale globale avec la Caisse d’Allocations Familiales",
    "Tarifs des concessions du cimetière communal",
    "Règlement intérieur de la médiathèque municipale",
)
NAMES = ("Les Amis du Vieux Moulin", "Sport et Loisirs", "La Boule Aulnésienne",
         "Jeunesse et Avenir", "Les Restos du Cœur", "Harmonie municipale")
COMMISSIONS = ("des finances", "de l’urbanisme", "des affaires scolaires",
               "de la vie associative", "du personnel")
CONSIDERANTS = (
    "Considérant la nécessité d’adapter les tarifs au coût réel du service rendu aux usagers, "
    "tout en préservant l’accès des familles aux ressources modestes ;",
    "Considérant que l’association poursuit un but d’intérêt général local et que son action "
    "contribue à l’animation de la commune tout au long de l’année ;",
    "Considérant l’avis favorable émis par la commission {commission} lors de sa séance du "
    "{date} ;",
    "Considérant que les crédits nécessaires sont inscrits au budget primitif de l’exercice "
    "{year}, chapitre 65, article 6574 ;",
)
EXPOSE = (
    "Monsieur le Maire expose au Conseil Municipal que {subject_lower} fait l’objet d’un examen "
    "annuel. Les services municipaux ont procédé à l’analyse des dépenses de l’exercice écoulé, "
    "qui font apparaître une augmentation sensible du coût des denrées, de l’énergie et des "
    "charges de personnel. Il est proposé de fixer les montants ci-après, applicables à compter "
    "du {start}, et d’autoriser Monsieur le Maire à signer tout document s’y rapportant. Le "
    "détail des calculs a été présenté à la commission {commission}, qui a émis un avis "
    "favorable à l’unanimité de ses membres présents."
)
ARTICLE = (
    "Article {n} : Le montant {what} est fixé à {amount} € à compter du {start}. Cette somme "
    "sera imputée sur les crédits ouverts au budget de l’exercice {year}, et révisée chaque "
    "année par délibération du Conseil Municipal."
)
WHATS = ("du repas enfant", "du repas adulte", "de la participation communale",
         "de la subvention allouée", "de la concession trentenaire", "de l’abonnement annuel",
         "de la redevance d’occupation", "du droit de place")


def _amount(chance: random.Random) -> str:
    euros = chance.randrange(2, 25_000)
    return f"{euros:,}".replace(",", " ") + f",{chance.randrange(0, 100):02d}"


def _date(year: int, chance: random.Random) -> str:
    day = datetime.date(year, 1, 1) + datetime.timedelta(days=chance.randrange(0, 360))
    return french_date(day.isoformat())


def _paragraphs(number: int, chance: random.Random) -> list[str]:
    year = 2020 + number % 4
    subject = chance.choice(SUBJECTS).format(year=year, name=chance.choice(NAMES),
                                             letter=chance.choice("ABCDEK"), n=number % 900)
    commission = chance.choice(COMMISSIONS)
    start = _date(year, chance)
    paragraphs = [
        "Le Conseil Municipal,",
        "Vu le Code général des collectivités territoriales, et notamment son article "
        "L. 2121-29 ;",
        f"Vu la délibération n° {year}-{number % 97 + 1:03d} du {_date(year - 1, chance)} ;",
        f"Vu l’avis de la commission {commission} du {_date(year, chance)} ;",
        *(text.format(commission=commission, date=_date(year, chance), year=year)
          for text in CONSIDERANTS),
        EXPOSE.format(subject_lower=subject[0].lower() + subject[1:], start=start,
                      commission=commission),
        "Après en avoir délibéré, DÉCIDE :",
    ]
    for article in range(1, chance.randrange(6, 11)):
        paragraphs.append(ARTICLE.format(n="1er" if article == 1 else article,
                                         what=chance.choice(WHATS), amount=_amount(chance),
                                         start=start, year=year))
    if number % LARGE_EVERY == LARGE_EVERY - 1:
        paragraphs.append("Annexe : grille des tarifs")
        paragraphs.extend(f"Ligne {line} : {chance.choice(WHATS)}, quotient familial de "
                          f"{line * 50} à {line * 50 + 49} €, tarif {_amount(chance)} €."
                          for line in range(1, chance.randrange(600, 1400)))
    paragraphs.append("Fait et délibéré les jour, mois et an susdits.")
    return [subject, *paragraphs]


def _amended(paragraphs: list[str], step: int, chance: random.Random) -> list[str]:
    changed = list(paragraphs)
    articles = [i for i, text in enumerate(changed) if text.startswith("Article ")]
    if step == 1:
        target = chance.choice(articles)
        changed[target] = changed[target].replace(" € à compter", f" € (au lieu de "
                                                  f"{_amount(chance)} €) à compter", 1)
        exposé = next(i for i, text in enumerate(changed) if text.startswith("Monsieur"))
        changed[exposé] = changed[exposé].replace("une augmentation sensible",
                                                  "une hausse importante")
        changed.insert(articles[-1] + 1, f"Article {len(articles) + 1} : La présente "
                       "délibération sera transmise au comptable public et publiée sur le "
                       "site internet de la commune.")
    else:
        considérant = next(i for i, text in enumerate(changed)
                           if text.startswith("Considérant"))
        del changed[considérant]
        target = chance.choice([i - 1 for i in articles])
        changed[target] += " Elle fera l’objet d’un bilan présenté en commission."
    return changed


def versions(number: int) -> list[Version]:
    """The three versions of deliberation `number`."""
    chance = random.Random(f"amendtrack-registry-{number}")
    identifier = f"delib-{number:05d}"
    subject, *paragraphs = _paragraphs(number, chance)
    metadata = Metadata(collectivite="Ville d’Aulnoy-lez-Valenciennes",
                        seance=f"{2020 + number % 4}-02-02", objet=subject,
                        numero=f"{number % 97 + 1:02d}.02")
    result = []
    dates = [datetime.date(2020 + number % 4, 2, 2) + datetime.timedelta(days=150 * step)
             for step in range(3)]
    for step, date in enumerate(dates):
        if step:
            paragraphs = _amended(paragraphs, step, chance)
        act = None if step == 0 else ModifyingAct(date=date.isoformat(),
                                                  numero=f"{number % 97 + 1:02d}.{step}")
        info = VersionInfo(identifier, date.isoformat(),
                           modifies=None if step == 0 else dates[step - 1].isoformat(), act=act)
        result.append(version_from_text("\n\n".join(paragraphs), metadata, info))
    return result


def generate_store(root: Path, count: int, *, progress: bool = False) -> Store:
    """A new store at `root` with `count` deliberations × 3 versions (not fsynced: bulk)."""
    if root.exists():
        shutil.rmtree(root)
    store = Store(init_store(root), durable=False)
    for number in range(count):
        for version in versions(number):
            store.add(version)
        if progress and number and number % 1000 == 0:
            print(f"  generated {number} deliberations", flush=True)
    return store
