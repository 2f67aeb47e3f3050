"""Indonesian formats: Django's own, plus the long forms the office writes in
letters and e-mails (read by `pst_layanan.format`, not by `get_format`)."""

from django.conf.locale.id.formats import *  # noqa: F403

# "Rabu, 25 Maret 2026" and "Rabu, 25 Maret 2026 pukul 15.30 WIB" (always Asia/Jakarta).
TANGGAL_PANJANG_FORMAT = "l, j F Y"
WAKTU_PANJANG_FORMAT = r"l, j F Y \p\u\k\u\l H.i \W\I\B"
# "Rp1.234.567": the symbol right before the amount, dots between thousands.
# "08.00" / "15.30.05": clock times on their own (service hours, arrivals, the queue).
JAM_FORMAT = "H.i"
JAM_DETIK_FORMAT = "H.i.s"
# "25 Mar 2026 15.30": a moment in a table or a short note.
WAKTU_PENDEK_FORMAT = "j M Y H.i"
RUPIAH_AWALAN = "Rp"
RIBUAN_PEMISAH = "."
DESIMAL_PEMISAH = ","
