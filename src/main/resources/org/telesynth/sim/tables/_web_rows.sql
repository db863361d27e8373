-- Browsing rows shared by web_cat_usage and web_cat_pivot_duration (the pivot is this, summed per day), so the
-- two tables agree. A device browses with the browsers it uses (country drives which: edge leads in a few
-- countries); each browser-day visits a few categories drawn from the device persona's mix.
WITH d AS (
    SELECT id, guid, r.day, persona_idx, intensity, p_chrome, p_edge, p_firefox
    FROM dev, range(0, ${days}) r(day) WHERE in_web AND active(id, r.day, 11, 0.195)
), b AS (
    SELECT d.*, k.b FROM d, range(0, 3) k(b)
    WHERE u(id, day, k.b, 1, 11) < CASE k.b WHEN 0 THEN p_chrome WHEN 1 THEN p_edge ELSE p_firefox END
       -- every browser a device uses shows on its first web day (the anchor), secondary ones on few others
       OR (CASE k.b WHEN 0 THEN p_chrome WHEN 1 THEN p_edge ELSE p_firefox END > 0
           AND day = floor(u(id, 4095, 0, 0, 11) * ${days})::INTEGER)
), c AS (
    SELECT b.*, q.j FROM b, range(0, 1 + floor(u(id, day, b, 2, 11) * 9.5)::INTEGER) q(j)
)
SELECT DISTINCT ON (id, day, b, category)
       id, guid, day, c.persona_idx, b, j, s.category,
       greatest(1000, round(pow(10, 5.5 + 0.6 * nz(id, day, b * 64 + j, 3, 11)) * intensity))::BIGINT AS duration_ms
FROM c JOIN web_slots s ON s.persona_idx = c.persona_idx AND s.slot = floor(u(id, day, b * 64 + j, 4, 11) * 4096)
ORDER BY id, day, b, category, j
