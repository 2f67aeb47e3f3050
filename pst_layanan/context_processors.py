from pst_layanan.kantor import kantor as _kantor
from pst_layanan.roles import peran_pengguna


def kantor(request):
    peran = peran_pengguna(request.user) if hasattr(request, "user") else frozenset()
    return {"kantor": _kantor(), "peran": peran}
