"""Shared by the language tests: the English labels that must not appear when ``lang="id"``."""

from __future__ import annotations

from journeykit import i18n, stages


def english_only_labels() -> dict[str, str]:
    """Catalogue and stage labels whose English differs from their Indonesian: text -> key.

    Whitespace is collapsed, so a label wrapped over several lines compares equal once joined.
    """
    labels = {" ".join(en.split()): key for key, (en, id_) in i18n.LABELS.items() if en != id_}
    for name, model in stages.MODELS.items():
        for stage in model.stages:
            if stage.label("en") != stage.label("id"):
                labels[" ".join(stage.label("en").split())] = f"stage {name}.{stage.key}"
    return labels
