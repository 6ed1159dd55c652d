-- Households enter the evacuation's plan (placed or with the reason they are not), or, already in it unplaced or to
-- be moved, get their new place. Their status and events stay as they are. One statement per chunk of rows, the rows
-- as parallel arrays (much cheaper than a statement per row).
-- 1 evacuation id, 2 plan id, 3 household ids (bigint[]), 4 colours (text[]), 5 members (int[]), 6 accessible need
-- (boolean[]), 7 shelter ids (bigint[], null: unplaced), 8 distances m (int[]), 9 unplaced reasons (text[]), 10 cadre
-- ids (bigint[]), 11 check-in codes (text[])
INSERT INTO transfer (evacuation_id, household_id, plan_id, color, members, accessible_need, shelter_id, distance_m,
                      unplaced_reason, cadre_id, code)
SELECT ?, u.household_id, ?, u.color, u.members, u.accessible_need, u.shelter_id, u.distance_m, u.unplaced_reason,
       u.cadre_id, u.code
FROM unnest(?::bigint[], ?::text[], ?::int[], ?::boolean[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[])
     AS u(household_id, color, members, accessible_need, shelter_id, distance_m, unplaced_reason, cadre_id, code)
ON CONFLICT (evacuation_id, household_id) DO UPDATE
    SET plan_id = EXCLUDED.plan_id, shelter_id = EXCLUDED.shelter_id, distance_m = EXCLUDED.distance_m,
        unplaced_reason = EXCLUDED.unplaced_reason, cadre_id = coalesce(transfer.cadre_id, EXCLUDED.cadre_id),
        updated_at = now()
