"""A pseudo-locale built from the English catalogue: every msgid becomes
⟦ẃóŕďś⟧ (vowels accented, placeholders and markup kept), compiled as `manage.py compilemessages` does without GNU gettext.
Text a reader sees outside ⟦…⟧ did not go through a catalogue; `sisa_teks`
finds it in a page, an e-mail or a PDF's text, leaving out data values (the
database's own strings: names, notes, catalogue entries) and a short list of
names and codes that are the same in every language.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

from pst_layanan import format as fmt
from pst_layanan.management.commands.compilemessages import susun_mo

KODE = "xx"
BUKA, TUTUP = "⟦", "⟧"
_AKSEN = str.maketrans("aeiouAEIOUyY", "áéíóúÁÉÍÓÚýÝ")
# Placeholders, markup and entities are kept as they are: the page must still work.
_TETAP = re.compile(r"%\([a-z_0-9]+\)[sd]|%[sd]|\{[a-z_0-9]*\}|<[^>]*>|&[a-z#0-9]+;")


def samarkan(teks: str) -> str:
    """ "Status %(x)s kini" → "⟦Státús ⟧%(x)s⟦ kíní⟧": only the catalogue's own
    words are marked (markup and entities kept as they are), so a value filled
    into a placeholder (a Python string that skipped the catalogue) still shows
    outside the marks."""
    if not teks:
        return teks
    hasil, run, awal = [], [], 0

    def tutup_run():
        if run:
            hasil.append(BUKA + "".join(run) + TUTUP)
            run.clear()

    for m in _TETAP.finditer(teks):
        run.append(teks[awal : m.start()].translate(_AKSEN))
        if m.group(0)[0] in "<&":
            run.append(m.group(0))
        else:
            tutup_run()
            hasil.append(m.group(0))
        awal = m.end()
    run.append(teks[awal:].translate(_AKSEN))
    tutup_run()
    return "".join(hasil)


# --- the .po files ------------------------------------------------------------------


def _string(baris: list[str]) -> str:
    return "".join(eval(b) for b in baris)  # noqa: S307  (a .po string literal is a C string)


def baca_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (list), flags, msgctxt."""
    entri, kini, kunci = [], None, None
    for baris in path.read_text(encoding="utf-8").splitlines() + [""]:
        # A blank line ends an entry, and so does the next one's first line
        # (a comment, msgctxt or msgid after a msgstr): gettext needs no blank line.
        baru = kini is not None and any(k.startswith("msgstr") for k in kini["_baris"])
        if not baris.strip() or (baru and not baris.startswith(('"', "msgstr"))):
            if kini is not None:
                entri.append(kini)
            kini, kunci = None, None
            if not baris.strip():
                continue
        kini = kini if kini is not None else {"flags": "", "msgstr": {}, "_baris": {}}
        if baris.startswith("#,"):
            kini["flags"] += baris[2:]
        elif baris.startswith("#"):
            continue
        elif baris.startswith('"'):
            kini["_baris"][kunci].append(baris)
        else:
            kunci, _, sisa = baris.partition(" ")
            kini["_baris"][kunci] = [sisa]
    hasil = []
    for e in entri:
        teks = {k: _string(v) for k, v in e["_baris"].items()}
        if "msgid" not in teks:
            continue
        hasil.append(
            {
                "msgctxt": teks.get("msgctxt"),
                "msgid": teks["msgid"],
                "msgid_plural": teks.get("msgid_plural"),
                "msgstr": [v for k, v in sorted(teks.items()) if k.startswith("msgstr")],
                "flags": e["flags"],
            }
        )
    return hasil


def _kutip(teks: str) -> str:
    return '"' + teks.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def tulis_pseudo(sumber: Path, tujuan: Path) -> None:
    baris = [
        'msgid ""',
        'msgstr ""',
        _kutip("Content-Type: text/plain; charset=UTF-8\n"),
        _kutip("Plural-Forms: nplurals=2; plural=(n != 1);\n"),
        "",
    ]
    for e in baca_po(sumber):
        if not e["msgid"]:
            continue
        if e["msgctxt"] is not None:
            baris.append("msgctxt " + _kutip(e["msgctxt"]))
        baris.append("msgid " + _kutip(e["msgid"]))
        if e["msgid_plural"] is not None:
            baris.append("msgid_plural " + _kutip(e["msgid_plural"]))
            baris.append("msgstr[0] " + _kutip(samarkan(e["msgid"])))
            baris.append("msgstr[1] " + _kutip(samarkan(e["msgid_plural"])))
        else:
            baris.append("msgstr " + _kutip(samarkan(e["msgid"])))
        baris.append("")
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    tujuan.write_text("\n".join(baris), encoding="utf-8")
    susun_mo(tujuan)


def buat_lokal(akar: Path) -> Path:
    """locale/xx/LC_MESSAGES/{django,djangojs}.mo under `akar`, from locale/en,
    and Django's own strings the pages show (form errors, password rules)
    under a second root, so they are marked as catalogue text too."""
    import django

    en = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
    for domain in ("django", "djangojs"):
        if (en / f"{domain}.po").exists():
            tulis_pseudo(en / f"{domain}.po", akar / "proyek" / KODE / "LC_MESSAGES" / f"{domain}.po")
    dj = Path(django.__file__).parent
    for i, po in enumerate(
        [dj / "conf/locale/en/LC_MESSAGES/django.po", dj / "contrib/auth/locale/en/LC_MESSAGES/django.po"]
    ):
        tulis_pseudo(po, akar / f"django{i}" / KODE / "LC_MESSAGES" / "django.po")
    return akar


def jalur_lokal(akar: Path) -> list[Path]:
    """The pseudo-locale's roots, the project's first (as LOCALE_PATHS reads them)."""
    return [akar / "proyek", akar / "django0", akar / "django1"]


# --- what a reader sees ---------------------------------------------------------------

# Element attributes a reader (or a screen reader) gets as text.
_ATRIBUT = ("title", "alt", "placeholder", "aria-label", "data-label")
_KOSONG = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Pembaca(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.teks: list[str] = []
        self._tumpuk: list[tuple[str, bool]] = []

    def _diam(self) -> bool:
        return any(diam for _tag, diam in self._tumpuk)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        diam = tag in ("script", "style", "template") or a.get("translate") == "no"
        if not (diam or self._diam()):
            self.teks += [a[k] for k in _ATRIBUT if a.get(k)]
            if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
                self.teks.append(a["value"])
        if tag not in _KOSONG:
            self._tumpuk.append((tag, diam))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _KOSONG and self._tumpuk:
            self._tumpuk.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._tumpuk) - 1, -1, -1):
            if self._tumpuk[i][0] == tag:
                del self._tumpuk[i:]
                break

    def handle_data(self, data):
        if not self._diam():
            self.teks.append(data)


def teks_html(isi: str) -> str:
    p = _Pembaca()
    p.feed(isi)
    return "\n".join(p.teks)


# Same in every language: names of the service and its bodies, codes, units,
# and the day and month names Django formats dates with.
TETAP = {
    "PST",
    "LAP",  # document numbers: LAP-PST/2026/03
    "BPS",
    "WIB",
    "PNBP",
    "NTPN",
    "SIMPONI",
    "NPWP",
    "SKM",
    "IKM",
    "NRR",
    "QR",
    "PDF",
    "CSV",
    "XLSX",
    "JSON",
    "JPG",
    "PNG",
    "KB",
    "MB",
    "GB",
    "Rp",
    "IDR",
    "SOP",
    "BPN",
    "PP",
    "UU",
    "KTP",
    "SIM",
    "ID",
    "NIP",
    "WA",
    "SMS",
    "CD",
    "DVD",
    "TNI",
    "Polri",
    "BIN",
    "BUMN",
    "BUMD",
    "ASN",
    "SD",
    "SMP",
    "SMA",
    "S1",
    "S2",
    "S3",
    "D1",
    "D2",
    "D3",
    "D4",
    "PermenPANRB",
    "htmx",
    "Chart",
    "Bootstrap",
    "OK",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "a.m",
    "p.m",
    "AM",
    "PM",
    "Januari",
    "Februari",
    "Maret",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "Oktober",
    "Desember",
    "Agu",
    "Okt",
    "Des",
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Sabtu",
    "Minggu",
    "pukul",
    "byte",
    "bytes",
}
# Amounts in words (`format.terbilang`, one function per language, tested by itself).
KATA_BILANGAN = {
    *fmt._SATUAN,
    *(nama for _nilai, nama in fmt._SKALA),
    *("belas", "puluh", "seratus", "ratus", "seribu", "rupiah", "minus"),
}
# Whole phrases that are names, not sentences.
FRASA_TETAP = ("PST Layanan", "Bahasa Indonesia", "English")


def _normal(teks: str) -> str:
    return re.sub(r"\s+", " ", teks).strip()


def tanpa_terjemahan(teks: str) -> str:
    """`teks` without the catalogue's strings (innermost first: a string that
    fills another's placeholder is inside it)."""
    sebelum = None
    while sebelum != teks:
        sebelum = teks
        teks = re.sub(f"{BUKA}[^{BUKA}{TUTUP}]*{TUTUP}", " ", teks)
    # A PDF's narrow table cell may come out of pdftotext split, its halves on
    # separate lines: a mark left open runs to its line's end, a lone close
    # mark back to its line's start.
    teks = re.sub(f"{BUKA}[^{BUKA}{TUTUP}\n]*", " ", teks)
    return re.sub(f"[^{BUKA}{TUTUP}\n]*{TUTUP}", " ", teks)


# Every piece of a verification address ends in "/" (its last) or at a break
# after "/" or "-"; a line of text after the address does not.
_URL_TERPOTONG = re.compile(r"(https?://\S*[-/])\n([^\s/]\S*[-/])$", re.MULTILINE)


def sisa_teks(teks: str, data: list[str]) -> list[str]:
    """Words a reader sees that are neither translated nor data: [] is the goal."""
    teks = tanpa_terjemahan(html.unescape(teks))
    # A PDF's narrow cell wraps a long address after a "/" or a "-" (a token's
    # own hyphen): its pieces on the next lines are still the address.
    sambung = 1
    while sambung:
        teks, sambung = _URL_TERPOTONG.subn(r"\1\2", teks)
    teks = re.sub(r"https?://\S+", " ", _normal(teks))
    for nilai in data:
        if len(nilai) >= 4:
            teks = teks.replace(nilai, " ").replace(nilai.upper(), " ")
    for frasa in FRASA_TETAP:
        teks = teks.replace(frasa, " ")
    kata = re.findall(r"[A-Za-zÀ-ÿ]{2,}", teks)
    # Short values, and the capitals of codes (a PDF may break "INV/2026/000001" across lines).
    pendek = {d for d in data if len(d) < 4} | {k for d in data for k in re.findall(r"\b[A-Z]{2,}\b", d)}
    return [k for k in kata if k not in TETAP and k not in pendek and k.lower() not in KATA_BILANGAN]


def nilai_data() -> list[str]:
    """Every text value stored in the database (and its lines), longest first."""
    from django.apps import apps
    from django.db import models

    nilai: set[str] = set()
    for model in apps.get_models():
        kolom = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
        ]
        if not kolom:
            continue
        for baris in model._base_manager.values_list(*kolom):
            for v in baris:
                if isinstance(v, str) and v.strip():
                    nilai.add(_normal(v))
                    nilai.update(_normal(b) for b in v.splitlines() if b.strip())
                    nilai.add(_normal(html.unescape(v)))
    from pst_layanan.kantor import kantor
    from pst_layanan.models import Pengguna

    # The menu greets a person by their first name.
    nilai.update(n.split(" ")[0] for n in Pengguna.objects.values_list("nama_lengkap", flat=True) if n)
    k = kantor()
    nilai.update(
        _normal(str(getattr(k, f.attname))) for f in k._meta.concrete_fields if isinstance(f, models.CharField)
    )
    return sorted((v for v in nilai if v), key=len, reverse=True)
