from django.shortcuts import get_object_or_404, render

from pst_layanan.roles import adalah_petugas, login_terverifikasi
from transaksi import alur
from transaksi.models import Transaksi


def _get_transaksi_for_user(request, nomor: str) -> Transaksi:
    """The only way a view loads a transaction: the owner or an officer,
    404 for anyone else (no hint that the number exists)."""
    qs = Transaksi.objects.select_related("pemohon", "petugas")
    if not adalah_petugas(request.user):
        qs = qs.filter(pemohon=request.user)
    return get_object_or_404(qs, nomor=nomor)


@login_terverifikasi
def detail(request, nomor):
    t = _get_transaksi_for_user(request, nomor)
    konteks = {
        "t": t,
        "item": t.item.select_related("produk"),
        "dokumen": t.dokumen.select_related("jenis"),
        "riwayat": t.riwayat.select_related("oleh"),
        "langkah": alur.LANGKAH_BERIKUTNYA[t.status],
    }
    return render(request, "transaksi/detail.html", konteks)
