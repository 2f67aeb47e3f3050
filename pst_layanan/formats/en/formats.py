"""English formats for foreign visitors: British day-month order as BPS's
English publications write it, the ISO currency code for the rupiah."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

# "Wednesday, 25 March 2026" and "Wednesday, 25 March 2026, 15:30 WIB".
TANGGAL_PANJANG_FORMAT = "l, j F Y"
WAKTU_PANJANG_FORMAT = r"l, j F Y, H:i \W\I\B"
# "IDR 1,234,567": a reader abroad may not know "Rp".
# "08:00" / "15:30:05": clock times on their own, as the long form writes them.
JAM_FORMAT = "H:i"
# Django's own (the back office's lists and forms) on the same 24-hour clock,
# not en_GB's "3:30 p.m.".
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
JAM_DETIK_FORMAT = "H:i:s"
# "25 Mar 2026 15:30": a moment in a table or a short note.
WAKTU_PENDEK_FORMAT = "j M Y H:i"
RUPIAH_AWALAN = "IDR "
RIBUAN_PEMISAH = ","
DESIMAL_PEMISAH = "."
