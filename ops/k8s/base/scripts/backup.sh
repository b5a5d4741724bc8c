#!/usr/bin/env bash
# Nightly logical backup of the EthixAI database (the backup CronJob runs it in a postgres image).
# Writes DATABASE_URL's database as a pg_dump custom-format archive into BACKUP_DIR, checks that
# pg_restore can read it back, then removes archives older than BACKUP_KEEP_DAYS.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is required}"
backup_dir=${BACKUP_DIR:-/backups}
keep_days=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
archive="${backup_dir}/ethixai-${stamp}.dump"

pg_dump --format=custom --no-owner --no-privileges --file="${archive}.partial" "${DATABASE_URL}"
# An archive pg_restore cannot list is no backup: fail the Job (and its alert) instead.
pg_restore --list "${archive}.partial" > /dev/null
mv "${archive}.partial" "${archive}"
echo "backup written: ${archive} ($(du -h "${archive}" | cut -f1))"

find "${backup_dir}" -name 'ethixai-*.dump' -type f -mtime "+${keep_days}" -print -delete
