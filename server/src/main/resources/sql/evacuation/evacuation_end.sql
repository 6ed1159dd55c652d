UPDATE evacuation SET active = false, ended_by = ?, ended_at = now() WHERE id = ? AND active
