#!/usr/bin/env bash
# Install the archive, load the five sample pages into SQLite and serve it
# as readers see it: DEBUG off, static files through WhiteNoise, the Chinese
# error pages. Prints where to open it and how to log into the admin.
#   bash scripts/serve.sh                Django's server on 127.0.0.1:$PORT (8000)
#   bash scripts/serve.sh --production   gunicorn with newsroom/gunicorn.conf.py
#   DEBUG=1 bash scripts/serve.sh        Django's debug pages instead
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
    "" | --production) ;;
    *) echo "usage: bash scripts/serve.sh [--production]" >&2; exit 2 ;;
esac
bash scripts/install.sh
PY=.venv/bin/python
export DEBUG=${DEBUG:-0}
export PORT=${PORT:-8000}
# A key of this checkout, made on the first start and kept in var/secret_key
# (mode 0600; var/ is not in git).
SECRET_KEY=${SECRET_KEY:-$($PY -m newsroom.secret_key var/secret_key)}
export SECRET_KEY
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost,[::1]}
export SITE_URL=${SITE_URL:-http://127.0.0.1:$PORT}
# Plain HTTP on 127.0.0.1: HTTPS-only cookies and the redirect to https://
# would lock the admin login out (docs/production.md).
export HTTPS=${HTTPS:-0}
$PY manage.py migrate --noinput
$PY manage.py import_pages --manifest archive/sample_data/manifest.json
# A changed tokenizer or dictionary leaves old tokens in the index: rebuild then.
$PY manage.py rebuild_search_index --if-stale
# With DEBUG off the static files get hashed names (a manifest) for WhiteNoise.
$PY manage.py collectstatic --noinput >/dev/null
ADMIN_PASSWORD=${ADMIN_PASSWORD:-archive-admin}
ADMIN_PASSWORD=$ADMIN_PASSWORD $PY manage.py shell -c "
import os
from django.contrib.auth import get_user_model
User = get_user_model()
user, _ = User.objects.get_or_create(username='admin', defaults={'is_staff': True, 'is_superuser': True})
user.is_staff = user.is_superuser = True
user.set_password(os.environ['ADMIN_PASSWORD'])
user.save()
"
echo
echo "报纸档案 is running:  http://127.0.0.1:$PORT/   (DEBUG=$DEBUG)"
echo "Editors' admin:       http://127.0.0.1:$PORT/admin/   (user: admin, password: $ADMIN_PASSWORD)"
echo "API:                  http://127.0.0.1:$PORT/api/v1/   (docs: /api/docs/)"
echo
if [ "${1:-}" = "--production" ]; then
    # Workers keep their database connection for a minute instead of opening one per request.
    CONN_MAX_AGE=${CONN_MAX_AGE:-60} exec .venv/bin/gunicorn -c newsroom/gunicorn.conf.py
fi
exec $PY manage.py runserver "127.0.0.1:$PORT"
