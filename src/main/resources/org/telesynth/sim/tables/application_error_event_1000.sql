-- Application crashes (Application Error, event 1000): up to 3 per device and day, at a rate that follows the
-- persona (gamers and creators run more, and more fragile, software) times a heavy-tailed propensity (lognormal,
-- sigma 1.2); the exception code follows the faulting module (KERNELBASE.dll: mostly .NET's 0xe0434352).
WITH r AS (
    SELECT id, guid, graphics, least(0.6, 0.01 * CASE persona WHEN 'Gamer' THEN 2.5 WHEN 'Casual Gamer' THEN 1.8
                                                              WHEN 'Content Creator/IT' THEN 2.0 ELSE 1.0 END
                                        * exp(1.2 * nz(id, 0, 0, 1, 22) - 0.72)) AS rate FROM dev
), d AS (
    SELECT r.*, x.day, j.j FROM r, range(0, ${days}) x(day), range(0, 3) j(j) WHERE u(id, x.day, j.j, 0, 22) < rate / (1 + j.j)
), k AS (
    SELECT *, u(id, day, j, 2, 22) AS a, u(id, day, j, 3, 22) AS m, u(id, day, j, 4, 22) AS e FROM d
)
SELECT guid, (${start} + day::INTEGER)::TIMESTAMP + to_seconds(floor(86400 * u(id, day, j, 5, 22))::BIGINT) AS ts,
       CASE WHEN a < 0.25 THEN 'chrome.exe' WHEN a < 0.40 THEN 'msedge.exe' WHEN a < 0.52 THEN 'explorer.exe' WHEN a < 0.62 THEN 'Teams.exe'
            WHEN a < 0.70 THEN 'OUTLOOK.EXE' WHEN a < 0.76 THEN 'EXCEL.EXE' WHEN a < 0.81 THEN 'WINWORD.EXE' WHEN a < 0.86 THEN 'Discord.exe'
            WHEN a < 0.90 THEN 'steam.exe' WHEN a < 0.94 THEN 'Zoom.exe' WHEN a < 0.97 THEN 'firefox.exe' ELSE 'svchost.exe' END AS app_name,
       (10 + floor(10 * u(id, day, j, 6, 22)))::INTEGER || '.0.' || (floor(9000 * u(id, day, j, 7, 22)))::INTEGER AS app_version,
       CASE WHEN m < 0.35 THEN 'ntdll.dll' WHEN m < 0.60 THEN 'KERNELBASE.dll' WHEN m < 0.70 THEN 'ucrtbase.dll'
            WHEN m < 0.80 AND graphics = 'Nvidia' THEN 'nvwgf2umx.dll' WHEN m < 0.80 THEN 'd3d11.dll' WHEN m < 0.90 THEN 'clr.dll'
            ELSE 'unknown' END AS faulting_module,
       CASE WHEN m >= 0.35 AND m < 0.60 THEN CASE WHEN e < 0.45 THEN '0xe0434352' WHEN e < 0.75 THEN '0xc0000409' ELSE '0x80000003' END
            WHEN m < 0.35 THEN CASE WHEN e < 0.40 THEN '0xc0000374' WHEN e < 0.85 THEN '0xc0000005' ELSE '0xc00000fd' END
            ELSE CASE WHEN e < 0.70 THEN '0xc0000005' WHEN e < 0.80 THEN '0xc000001d' WHEN e < 0.88 THEN '0xc0000602'
                      WHEN e < 0.94 THEN '0xc000041d' WHEN e < 0.97 THEN '0x40000015' ELSE 'other' END END AS exception_code,
       (id * 4096 + day) * 4 + j AS _ord
FROM k
