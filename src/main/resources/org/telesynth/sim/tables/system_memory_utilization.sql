-- % used follows the device's level, which falls with installed RAM; sysinfo_ram is the device's ram x 1024.
SELECT guid, ${start} + r.day::INTEGER AS dt, (17280 * (0.15 + 0.85 * u(id, r.day, 0, 1, 3)))::BIGINT AS nrs,
       (ram * 1024)::BIGINT AS sysinfo_ram,
       round(least(100, greatest(1, mem_pct + 5 * nz(id, r.day, 0, 2, 3)))) AS avg_percentage_used,
       id * 4096 + r.day AS _ord
FROM dev, range(0, ${days}) r(day)
WHERE in_mem AND active(id, r.day, 3, 0.46)
