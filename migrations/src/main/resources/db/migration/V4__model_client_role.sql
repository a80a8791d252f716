-- Applications that call the served model get tokens of their own role, which reach /v1/... and nothing else.
ALTER TABLE api_token DROP CONSTRAINT api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check CHECK (role IN ('REVIEWER', 'AUDITOR', 'ADMIN', 'MODEL_CLIENT'));
