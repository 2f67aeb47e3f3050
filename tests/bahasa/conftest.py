import pytest

from tests.antrian.conftest import layanan_b, loket1, selalu_buka, tiket_untuk  # noqa: F401
from tests.bahasa import pseudo
from tests.transaksi.conftest import berkas_di, berkas_privat  # noqa: F401


@pytest.fixture(scope="session")
def lokal_pseudo(tmp_path_factory):
    """The pseudo-locale's catalogues, built once from locale/en."""
    return pseudo.buat_lokal(tmp_path_factory.mktemp("lokal"))


@pytest.fixture
def bahasa_pseudo(settings, lokal_pseudo):
    """The pseudo-locale available as a language for this test (its
    catalogues first on the path; Django resets its translation caches)."""
    settings.LOCALE_PATHS = [*pseudo.jalur_lokal(lokal_pseudo), *settings.LOCALE_PATHS]
    settings.LANGUAGES = [*settings.LANGUAGES, (pseudo.KODE, "Pseudo")]
    return pseudo.KODE
