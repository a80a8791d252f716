-- Who decided a request: any reviewer may decide, not only the one who took it into review.
ALTER TABLE removal_request ADD COLUMN decided_by text;
UPDATE removal_request SET decided_by = assignee WHERE decided_at IS NOT NULL;
