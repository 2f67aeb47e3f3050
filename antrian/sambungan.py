"""Links later apps put on antrian's pages. antrian never imports those apps,
so they register here from their `AppConfig.ready()` and the pages render
whatever is registered."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tautan:
    nama_url: str
    label: str
    ikon: str
    id: str


# Shown at the counter while a ticket is being served (opened in a new tab).
TAUTAN_LOKET: list[Tautan] = []


def daftarkan_tautan_loket(tautan: Tautan) -> None:
    if tautan not in TAUTAN_LOKET:
        TAUTAN_LOKET.append(tautan)
