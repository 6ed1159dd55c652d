UPDATE transfer_plan SET phase = ?, progress = ? WHERE id = ? AND status = 'RUNNING'
