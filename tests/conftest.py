"""Shared test set-up: the interface speaks English in the tests unless a test asks for French.

The messages tests assert are English; a developer whose locale is French would otherwise see
them in French. ``LANGUAGE=en`` decides the language of every amendtrack run the tests start
(see `amendtrack.translation.choose_language`); the tests of the French interface set their
own environment.
"""

from __future__ import annotations

import os

os.environ["LANGUAGE"] = "en"
