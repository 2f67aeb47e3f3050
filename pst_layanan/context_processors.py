from pst_layanan.kantor import kantor as _kantor
from pst_layanan.roles import peran_pengguna
from pst_layanan.sop import SOP


def kantor(request):
    peran = peran_pengguna(request.user) if hasattr(request, "user") else frozenset()
    return {"kantor": _kantor(), "peran": peran, "sop": SOP}
