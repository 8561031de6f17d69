#!/usr/bin/env bash
# Commit what scripts/publish_inbox.py made (packages, registry rows, the emptied inbox) and put it
# on a pull request: from the default branch onto a new branch, else onto the pushed branch.
# Usage (in GitHub Actions, GH_TOKEN set): scripts/inbox_pr.sh SUMMARY.md DEFAULT_BRANCH
set -euo pipefail
summary=$1
default=$2
git config user.name "github-actions[bot]"
git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git add -A data/packages data/departments.csv inbox
if git diff --cached --quiet; then
  echo "nothing to publish"
  exit 0
fi
branch=${GITHUB_REF_NAME:?}
if [ "$branch" = "$default" ]; then
  branch="publish/inbox-${GITHUB_RUN_ID:?}"
  git switch -c "$branch"
fi
git commit -q -F - <<MSG
Publish from the inbox

$(cat "$summary")
MSG
git push origin "HEAD:refs/heads/$branch"
if [ -z "$(gh pr list --head "$branch" --state open --json number --jq '.[].number')" ]; then
  gh pr create --base "$default" --head "$branch" --title "发布：收件箱中的公开文件" --body-file "$summary"
else
  gh pr comment "$branch" --body-file "$summary"
fi
