-- Foreground apps: each device has a portfolio of apps whose types follow its persona (gamers run games,
-- office users productivity tools); each active day it uses several of them.
WITH d AS (
    SELECT id, guid, r.day, persona_idx, portfolio, intensity
    FROM dev, range(0, ${days}) r(day) WHERE in_frgnd AND active(id, r.day, 16, 0.52)
), rows AS (
    SELECT d.*, q.j, floor(u(id, day, q.j, 2, 16) * portfolio)::INTEGER AS p
    FROM d, range(0, 1 + floor(u(id, day, 0, 1, 16) * portfolio * 0.9)::INTEGER) q(j)
), picked AS (
    SELECT rows.*, e.exe, e.app_type, e.company, e.focal_s
    FROM rows
    JOIN type_slots t ON t.persona_idx = rows.persona_idx AND t.slot = floor(u(id, 4000, p, 3, 16) * 4096)
    JOIN exe_slots e ON e.app_idx = t.app_idx AND e.slot = floor(u(id, 4000, p, 4, 16) * 4096)
), named AS (
    SELECT picked.*,
           CASE WHEN u(id, day, j, 5, 16) < 0.02 THEN 'restricted process' WHEN u(id, day, j, 5, 16) < 0.04 THEN 'desktop' ELSE exe END AS exe_name
    FROM picked
)
SELECT DISTINCT ON (id, day, exe_name)
       guid, ${start} + day::INTEGER AS dt,
       CASE WHEN exe_name IN ('restricted process', 'desktop') THEN NULL ELSE app_type END AS app_type,
       exe_name, company AS company_short,
       round(focal_s * intensity * exp(0.8 * nz(id, day, j, 6, 16) - 0.32), 1) AS totalsecfocal_day,
       round(pow(u(id, day, j, 7, 16), 2), 4) AS avg_fract_desktop,
       greatest(1, round(focal_s * intensity / 20 * exp(0.3 * nz(id, day, j, 8, 16))))::BIGINT AS lines_per_day,
       (id * 4096 + day) * 1024 + j AS _ord
FROM named
ORDER BY id, day, exe_name, j
