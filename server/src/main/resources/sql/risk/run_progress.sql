-- 1 phase, 2 progress, 3 id
UPDATE risk_run SET phase = ?, progress = ?, updated_at = now() WHERE id = ? AND status = 'RUNNING'
