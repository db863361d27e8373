-- Application hangs (Application Hang, event 1002): devices with little RAM hang 5x (4 GB or less) or 2.5x (8 GB)
-- as often, and there the browsers, Teams and Outlook take most of the hangs, which also last longer.
WITH r AS (
    SELECT id, guid, ram, least(0.5, 0.004 * CASE WHEN ram <= 4 THEN 5 WHEN ram <= 8 THEN 2.5 ELSE 1 END
                                 * exp(1.0 * nz(id, 0, 0, 1, 23) - 0.5)) AS rate FROM dev
), d AS (
    SELECT r.*, x.day, u(id, x.day, 0, 2, 23) AS a FROM r, range(0, ${days}) x(day) WHERE u(id, x.day, 0, 0, 23) < rate
)
SELECT guid, (${start} + day::INTEGER)::TIMESTAMP + to_seconds(floor(86400 * u(id, day, 0, 3, 23))::BIGINT) AS ts,
       CASE WHEN ram <= 8 THEN CASE WHEN a < 0.38 THEN 'chrome.exe' WHEN a < 0.62 THEN 'Teams.exe' WHEN a < 0.74 THEN 'OUTLOOK.EXE'
                                    WHEN a < 0.84 THEN 'msedge.exe' WHEN a < 0.90 THEN 'explorer.exe' ELSE 'EXCEL.EXE' END
            ELSE CASE WHEN a < 0.16 THEN 'chrome.exe' WHEN a < 0.26 THEN 'Teams.exe' WHEN a < 0.36 THEN 'OUTLOOK.EXE'
                      WHEN a < 0.50 THEN 'msedge.exe' WHEN a < 0.64 THEN 'explorer.exe' WHEN a < 0.76 THEN 'EXCEL.EXE'
                      WHEN a < 0.88 THEN 'steam.exe' ELSE 'Photoshop.exe' END END AS app_name,
       (10 + floor(10 * u(id, day, 0, 4, 23)))::INTEGER || '.0.' || (floor(9000 * u(id, day, 0, 5, 23)))::INTEGER AS app_version,
       CASE WHEN u(id, day, 0, 6, 23) < 0.55 THEN 'Cross-process' WHEN u(id, day, 0, 6, 23) < 0.90 THEN 'Unknown' ELSE 'Quiesce' END AS hang_type,
       greatest(5, round((CASE WHEN ram <= 8 THEN 35 ELSE 18 END) * exp(0.8 * nz(id, day, 0, 7, 23))))::BIGINT AS hang_seconds,
       id * 4096 + day AS _ord
FROM d
