UPDATE evacuation SET warning_level = ? WHERE id = ?
