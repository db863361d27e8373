-- System crashes (docs/simulator.md, "Raw events"). A device's crash rate per day grows 1.5x per CPU generation
-- older than the 13th (older CPUs ship with older drivers) times a heavy-tailed propensity (lognormal, sigma 1.6,
-- mean 1): most devices never crash in the window, a few crash often. VIDEO_TDR_FAILURE names the device's
-- graphics driver.
WITH g AS (
    SELECT id, guid, graphics, os, coalesce(try_cast(regexp_extract(cpugen, '^(\d+)', 1) AS INTEGER), 7) AS gen FROM dev
), r AS (
    SELECT *, least(0.5, 0.0006 * pow(1.5, 13 - least(13, gen)) * exp(1.6 * nz(id, 0, 0, 1, 21) - 1.28)) AS rate FROM g
), d AS (
    SELECT r.*, x.day, u(id, x.day, 0, 2, 21) AS c FROM r, range(0, ${days}) x(day) WHERE u(id, x.day, 0, 0, 21) < rate
), k AS (
    SELECT *, CASE WHEN c < 0.18 THEN 10 WHEN c < 0.32 THEN 1 WHEN c < 0.44 THEN 8 WHEN c < 0.54 THEN 7 WHEN c < 0.62 THEN 4
                   WHEN c < 0.70 THEN 5 WHEN c < 0.76 THEN 3 WHEN c < 0.82 THEN 6 WHEN c < 0.87 THEN 11 WHEN c < 0.92 THEN 12
                   WHEN c < 0.96 THEN 2 WHEN c < 0.98 THEN 9 WHEN c < 0.99 THEN 13 WHEN c < 0.995 THEN 14 ELSE 15 END AS k FROM d
)
SELECT guid, (${start} + day::INTEGER)::TIMESTAMP + to_seconds(floor(86400 * u(id, day, 0, 3, 21))::BIGINT) AS ts,
       ['0x0000000A', '0x0000001A', '0x0000001E', '0x0000003B', '0x00000050', '0x0000007E', '0x0000009F', '0x000000D1',
        '0x000000EF', '0x00000116', '0x00000124', '0x00000133', '0x00000139', '0x0000013A', 'Other'][k] AS bugcheck_code,
       ['IRQL_NOT_LESS_OR_EQUAL', 'MEMORY_MANAGEMENT', 'KMODE_EXCEPTION_NOT_HANDLED', 'SYSTEM_SERVICE_EXCEPTION',
        'PAGE_FAULT_IN_NONPAGED_AREA', 'SYSTEM_THREAD_EXCEPTION_NOT_HANDLED', 'DRIVER_POWER_STATE_FAILURE',
        'DRIVER_IRQL_NOT_LESS_OR_EQUAL', 'CRITICAL_PROCESS_DIED', 'VIDEO_TDR_FAILURE', 'WHEA_UNCORRECTABLE_ERROR',
        'DPC_WATCHDOG_VIOLATION', 'KERNEL_SECURITY_CHECK_FAILURE', 'KERNEL_MODE_HEAP_CORRUPTION', 'Other'][k] AS bugcheck_name,
       CASE WHEN k = 10 THEN CASE graphics WHEN 'Nvidia' THEN 'nvlddmkm.sys' WHEN 'AMD' THEN 'amdkmdag.sys' WHEN 'Intel' THEN 'igdkmd64.sys'
                                           ELSE 'dxgkrnl.sys' END
            WHEN k = 8 THEN CASE WHEN u(id, day, 0, 4, 21) < 0.6 THEN 'Netwtw10.sys' ELSE 'rt640x64.sys' END
            WHEN k = 7 THEN 'storport.sys' ELSE 'ntoskrnl.exe' END AS faulting_module,
       CASE os WHEN 'Win11' THEN '22631' WHEN 'Win10' THEN '19045' WHEN 'Win8.1' THEN '9600' WHEN 'Win7' THEN '7601'
               WHEN 'Win Server' THEN '17763' ELSE 'unknown' END AS os_build,
       id * 4096 + day AS _ord
FROM k
