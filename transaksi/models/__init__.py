"""The transaksi app's models, by subject: the catalogue and tariffs
(`katalog.py`), transactions and their history (`transaksi.py`), payment and
delivery (`pembayaran.py`), refunds of PNBP (`pengembalian.py`). Import them
from here; the statuses and clocks come from `transaksi/alur.py`."""

from transaksi.alur import Jam, Status
from transaksi.models.katalog import (
    JenisDokumen,
    KategoriProduk,
    KelasHarga,
    KelasProduk,
    Produk,
    Satuan,
    SatuanPesanan,
    TarifProduk,
    tarif_ke_depan,
)
from transaksi.models.pembayaran import (
    POLA_KODE_BILLING,
    POLA_NTPN,
    BerkasProduk,
    BuktiBayar,
    CaraBayar,
    DokumenTidakDapatDiubah,
    KanalBayar,
    Kuitansi,
    SerahTerima,
    Tagihan,
    Unduhan,
    buat_token,
)
from transaksi.models.pengembalian import Pengembalian
from transaksi.models.transaksi import (
    ITEM_DIKENAKAN,
    JAM_BERJALAN,
    JAM_DIJEDA,
    STATUS_BUKAN_PAPAN,
    DokumenPersyaratan,
    ItemTransaksi,
    NomorUrut,
    RiwayatTransaksi,
    Transaksi,
)

__all__ = [
    "ITEM_DIKENAKAN",
    "JAM_BERJALAN",
    "JAM_DIJEDA",
    "STATUS_BUKAN_PAPAN",
    "POLA_KODE_BILLING",
    "POLA_NTPN",
    "BerkasProduk",
    "BuktiBayar",
    "CaraBayar",
    "DokumenPersyaratan",
    "DokumenTidakDapatDiubah",
    "ItemTransaksi",
    "Jam",
    "JenisDokumen",
    "KanalBayar",
    "KategoriProduk",
    "KelasHarga",
    "KelasProduk",
    "Kuitansi",
    "NomorUrut",
    "Pengembalian",
    "Produk",
    "RiwayatTransaksi",
    "Satuan",
    "SatuanPesanan",
    "SerahTerima",
    "Status",
    "Tagihan",
    "TarifProduk",
    "Transaksi",
    "Unduhan",
    "buat_token",
    "tarif_ke_depan",
]
