-- A household enters the evacuation's plan (placed or with the reason it is not), or, already in it unplaced or
-- to be moved, gets its new place. Its status and events stay as they are.
INSERT INTO transfer (evacuation_id, household_id, plan_id, color, members, accessible_need, shelter_id, distance_m,
                      unplaced_reason, cadre_id, code)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (evacuation_id, household_id) DO UPDATE
    SET plan_id = EXCLUDED.plan_id, shelter_id = EXCLUDED.shelter_id, distance_m = EXCLUDED.distance_m,
        unplaced_reason = EXCLUDED.unplaced_reason, cadre_id = coalesce(transfer.cadre_id, EXCLUDED.cadre_id),
        updated_at = now()
