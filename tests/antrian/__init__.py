# The guest-book answers the desk form asks per visit (prefix "bt").
ISIAN_MEJA = {"bt-pemanfaatan": "penelitian", "bt-jenis_layanan": ["berbayar"], "bt-sarana": "langsung"}
