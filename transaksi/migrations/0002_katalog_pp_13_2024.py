"""Seed the catalogue from the PNBP tariff schedule of PP 13/2024 (replacing
PP 7/2015); the office verifies it against the
official annex and edits it in the admin (a change is a new tariff row).

1 MB is taken as 1.000.000 bytes, consistent with the further blocks of
1.000 bytes; the block sizes are data on the tariff row, not code.
"""

from datetime import datetime, timezone

from django.db import migrations

BERLAKU = datetime(2024, 1, 1, tzinfo=timezone.utc)

DOKUMEN = [
    (
        "abstraksi",
        "Abstraksi penggunaan data",
        "produk",
        1,
        "Ringkasan rencana penggunaan data: judul kegiatan, tujuan, variabel yang dibutuhkan, dan metode analisis.",
    ),
    (
        "sppd",
        "Surat Perjanjian Penggunaan Data (SPPD)",
        "produk",
        2,
        "Ditandatangani pemohon di atas meterai Rp10.000, dipindai dalam PDF/JPG/PNG.",
    ),
    ("npwp", "NPWP instansi/perusahaan", "swasta", 3, "Wajib bagi pembeli dari sektor swasta."),
    (
        "surat-nol-rupiah",
        "Surat permohonan tarif nol rupiah",
        "nol_rupiah",
        4,
        "Surat resmi dari instansi pemerintah atau lembaga pendidikan/penelitian untuk keperluan non-komersial.",
    ),
]

# kode, nama, kategori, satuan, aturan, tarif fields, dokumen
PRODUK = [
    (
        "publikasi-elektronik",
        "Publikasi elektronik",
        "publikasi",
        "halaman",
        "blok",
        dict(blok_pertama=50, harga_blok_pertama=50000, blok_lanjutan=50, harga_blok_lanjutan=15000),
        [],
    ),
    (
        "mikrodata-tanpa-olah",
        "Data mikro tanpa pengolahan (per dataset)",
        "mikrodata",
        "byte",
        "blok",
        dict(blok_pertama=1_000_000, harga_blok_pertama=20000, blok_lanjutan=1000, harga_blok_lanjutan=20),
        ["abstraksi", "sppd"],
    ),
    (
        "mikrodata-olah",
        "Data mikro dengan pengolahan/tabulasi (per tabel)",
        "mikrodata",
        "byte",
        "blok",
        dict(blok_pertama=1_000_000, harga_blok_pertama=22000, blok_lanjutan=1000, harga_blok_lanjutan=22),
        ["abstraksi", "sppd"],
    ),
    (
        "peta-kabkota-kecamatan",
        "Peta wilkerstat kabupaten/kota per kecamatan",
        "peta",
        "peta",
        "per_unit",
        dict(harga_satuan=30000),
        ["abstraksi", "sppd"],
    ),
    (
        "peta-kabkota-desa",
        "Peta wilkerstat kabupaten/kota per desa",
        "peta",
        "peta",
        "per_unit",
        dict(harga_satuan=70000),
        ["abstraksi", "sppd"],
    ),
    (
        "peta-indonesia-kecamatan",
        "Peta wilkerstat Indonesia per kecamatan",
        "peta",
        "peta",
        "per_unit",
        dict(harga_satuan=12_000_000),
        ["abstraksi", "sppd"],
    ),
    (
        "peta-indonesia-desa",
        "Peta wilkerstat Indonesia per desa",
        "peta",
        "peta",
        "per_unit",
        dict(harga_satuan=36_000_000),
        ["abstraksi", "sppd"],
    ),
]


def isi(apps, schema_editor):
    JenisDokumen = apps.get_model("transaksi", "JenisDokumen")
    Produk = apps.get_model("transaksi", "Produk")
    TarifProduk = apps.get_model("transaksi", "TarifProduk")
    jenis = {}
    for kode, nama, kondisi, urutan, keterangan in DOKUMEN:
        jenis[kode], _ = JenisDokumen.objects.get_or_create(
            kode=kode, defaults=dict(nama=nama, kondisi=kondisi, urutan=urutan, keterangan=keterangan)
        )
    for urutan, (kode, nama, kategori, satuan, aturan, harga, dokumen) in enumerate(PRODUK):
        produk, baru = Produk.objects.get_or_create(
            kode=kode, defaults=dict(nama=nama, kategori=kategori, satuan=satuan, urutan=urutan)
        )
        if baru:
            TarifProduk.objects.create(produk=produk, berlaku_mulai=BERLAKU, aturan=aturan, **harga)
            produk.dokumen_wajib.set([jenis[k] for k in dokumen])


class Migration(migrations.Migration):
    dependencies = [("transaksi", "0001_initial")]
    operations = [migrations.RunPython(isi, migrations.RunPython.noop)]
