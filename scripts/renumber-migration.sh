#!/usr/bin/env bash
# drizzle-kit names a new migration by the number of journal entries; with 0010 absent that is
# one less than the last file's number, and it overwrites the previous snapshot. This regenerates
# the newest migration NAME (e.g. 0013_notifications) from the schema under its proper number.
set -euo pipefail
tag="$1"; num="${tag%%_*}"; name="${tag#*_}"; prev=$(printf '%04d' $((10#$num - 1)))
rm -f "migrations/$tag.sql" "migrations/meta/${num}_snapshot.json"
node -e "const f='migrations/meta/_journal.json',fs=require('fs');const j=JSON.parse(fs.readFileSync(f));j.entries=j.entries.filter(e=>e.tag!=='$tag');fs.writeFileSync(f,JSON.stringify(j,null,2))"
npx drizzle-kit generate --name "$name" >/dev/null
cp "migrations/meta/${prev}_snapshot.json" "migrations/meta/${num}_snapshot.json"
git checkout "migrations/meta/${prev}_snapshot.json"
mv "migrations/${prev}_${name}.sql" "migrations/$tag.sql"
sed -i "s/\"tag\": \"${prev}_${name}\"/\"tag\": \"$tag\"/" migrations/meta/_journal.json
echo "regenerated migrations/$tag.sql"
