#!/usr/bin/env bash
# Daily backup (pst-cadangan.service): one consistent archive of the database
# and the private files, encrypted with PST_CADANGAN_KUNCI, the newest
# PST_CADANGAN_SIMPAN kept, then copied off the machine when
# PST_CADANGAN_SALIN_KE is set:
#   rclone:<remote>:<path>   rclone copy (e.g. rclone:nas:pst-cadangan)
#   anything else            rsync target (user@host:/path or a mounted folder)
# The copy only adds files: how long the far side keeps them is its own policy.
set -euo pipefail
cd "$(dirname "$0")/.."

folder="${PST_CADANGAN_DIR:-${VAR_DIR:-var}/cadangan}"
simpan="${PST_CADANGAN_SIMPAN:-14}"

# The copy and the passphrase required are the command's own checks, so their
# failures are mailed to ADMINS too.
.venv/bin/python manage.py cadangkan --ke "$folder" --simpan "$simpan" --salin-ke "${PST_CADANGAN_SALIN_KE:-}" \
    --wajib-terenkripsi
