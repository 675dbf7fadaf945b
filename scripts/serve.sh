#!/usr/bin/env bash
# Install the archive, load the five sample pages into SQLite and serve it.
# Prints where to open it and how to log into the admin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export DEBUG=${DEBUG:-1}
PY=.venv/bin/python
$PY manage.py migrate --noinput
$PY manage.py import_pages --manifest archive/sample_data/manifest.json
# A changed tokenizer or dictionary leaves old tokens in the index: rebuild then.
$PY manage.py rebuild_search_index --if-stale
$PY manage.py collectstatic --noinput >/dev/null
ADMIN_PASSWORD=${ADMIN_PASSWORD:-archive-admin}
$PY manage.py shell -c "
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username='admin', defaults={'is_staff': True, 'is_superuser': True})
user.is_staff = user.is_superuser = True
user.set_password('$ADMIN_PASSWORD')
user.save()
"
PORT=${PORT:-8000}
echo
echo "报纸档案 is running:  http://127.0.0.1:$PORT/"
echo "Editors' admin:       http://127.0.0.1:$PORT/admin/   (user: admin, password: $ADMIN_PASSWORD)"
echo "API:                  http://127.0.0.1:$PORT/api/v1/   (docs: /api/docs/)"
echo
exec $PY manage.py runserver "127.0.0.1:$PORT"
