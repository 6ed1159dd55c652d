WITH up AS (
    INSERT INTO admin_area (code, name, level, parent_code, kind, rural, geom, updated_at)
    SELECT code, name, level, parent_code, kind, coalesce(rural, false), ST_Multi(geom), now()
    FROM stage ORDER BY length(code), code
    ON CONFLICT (code) DO UPDATE
        SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
            kind = coalesce(EXCLUDED.kind, admin_area.kind), rural = EXCLUDED.rural,
            geom = coalesce(EXCLUDED.geom, admin_area.geom), updated_at = now()
    RETURNING (xmax = 0) AS inserted)
SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted), 0 FROM up
