"""{% panel_pengembalian t bayar as pg %}: what the refund panel of the
payment page shows — the transaction's refunds and the forms to act on them."""

from django import template

from pst_layanan.roles import PETUGAS, punya_peran
from transaksi import alur
from transaksi.forms.pengembalian import TolakPengembalianForm, UsulPengembalianForm
from transaksi.models import Pengembalian, Status
from transaksi.services import inti

register = template.Library()


@register.simple_tag
def panel_pengembalian(t, bayar=None, user=None):
    forms = getattr(bayar, "forms", None) or {}
    daftar = list(t.pengembalian.select_related("diajukan_oleh", "diputuskan_oleh", "diproses_oleh"))
    terbuka = any(p.status != Pengembalian.Status.DITOLAK for p in daftar)
    # Staff on their own request are its visitor (`inti.milik_sendiri`): no proposal nor decision of theirs.
    sendiri = inti.milik_sendiri(t, user)
    if sendiri or not punya_peran(user, PETUGAS):
        # The visitor hears of a refund once a supervisor approved it; proposals are the office's deliberation.
        daftar = [p for p in daftar if p.nomor]
    return {
        "daftar": daftar,
        "bisa_usul": t.berbayar and alur.boleh(t.status, Status.DIKEMBALIKAN) and not terbuka and not sendiri,
        "usul": forms.get("pengembalian") or UsulPengembalianForm(initial={"nama_rekening": t.pemohon.nama_lengkap}),
        "tolak": forms.get("tolak_pengembalian") or TolakPengembalianForm(),
    }
