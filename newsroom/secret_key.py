"""The SECRET_KEY of one checkout, made once and kept in a file only its owner can read.

``scripts/serve.sh`` runs ``python -m newsroom.secret_key var/secret_key``
and exports what it prints, so a demo runs with DEBUG off and a real key
without anyone choosing one. ``var/`` is not in git. A production server
gets its key from its own secret store instead (docs/production.md).
"""
from __future__ import annotations

import os
import secrets
import stat
import sys
from pathlib import Path


def load_or_create(path: Path) -> str:
    """The key stored in ``path``; a new one written there (mode 0600) if there is none.

    A file others could read is narrowed to 0600 first. Two processes
    starting at once end up with the same key: only one can create the file.
    """
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            path.chmod(0o600)
        key = path.read_text(encoding="ascii").strip()
        if not key:
            raise SystemExit(f"{path} 是空文件：删除它，下次启动时会重新生成密钥。") from None
        return key
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(key + "\n")
    return key


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python -m newsroom.secret_key PATH")
    print(load_or_create(Path(sys.argv[1])))
