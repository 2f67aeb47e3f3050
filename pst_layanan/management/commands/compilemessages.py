"""`manage.py compilemessages` that also works where GNU gettext is missing.

Django's command runs `msgfmt`; a laptop with only Python has none, and
`make run` would stop at "Can't find msgfmt". Where `msgfmt` is on the
PATH, Django's command runs; where it is not, the project's
catalogues (`settings.LOCALE_PATHS`) are compiled with Babel, which reads the
same .po files and, like `msgfmt`, leaves fuzzy entries out."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.commands import compilemessages
from django.core.management.utils import find_command

from pst_layanan.checks import sumber_lebih_baru


def susun_mo(po: Path) -> Path:
    """Compile `po` into the .mo beside it; returns that .mo."""
    mo = po.with_suffix(".mo")
    with po.open("rb") as sumber:
        katalog = read_po(sumber)
    with mo.open("wb") as tujuan:
        write_mo(tujuan, katalog)
    return mo


class Command(compilemessages.Command):
    def handle(self, **options):
        if find_command(self.program):
            return super().handle(**options)
        bahasa, kecuali = options["locale"], options["exclude"]
        for akar in settings.LOCALE_PATHS:
            for po in sorted(Path(akar).glob("*/LC_MESSAGES/*.po")):
                kode = po.parent.parent.name
                if (
                    (bahasa and kode not in bahasa)
                    or kode in kecuali
                    or not sumber_lebih_baru(po, po.with_suffix(".mo"))
                ):
                    continue
                susun_mo(po)
                if options["verbosity"] > 0:
                    self.stdout.write(f"processing file {po.name} in {po.parent}")
