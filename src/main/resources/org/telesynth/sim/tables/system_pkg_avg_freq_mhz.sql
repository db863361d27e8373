-- Daily package telemetry around the device's level (avg_freq_mhz), which comes from its CPU and chassis.
WITH d AS (
    SELECT id, guid, r.day, hw_freq AS lvl FROM dev, range(0, ${days}) r(day) WHERE in_freq AND active(id, r.day, 6, 0.058)
), v AS (
    SELECT *, lvl * exp(0.08 * nz(id, day, 0, 2, 6)) AS a FROM d
)
SELECT guid, ${start} + day::INTEGER AS dt, (17280 * (0.1 + 0.9 * u(id, day, 0, 1, 6)))::BIGINT AS nrs,
       a * (0.2 + 0.3 * u(id, day, 0, 3, 6)) AS min_avg_freq_mhz, a AS avg_avg_freq_mhz, a * (1.2 + 0.6 * u(id, day, 0, 4, 6)) AS max_avg_freq_mhz, id * 4096 + day AS _ord
FROM v
