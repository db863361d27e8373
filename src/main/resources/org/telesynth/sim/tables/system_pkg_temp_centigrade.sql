-- Daily package telemetry around the device's level (temp_centigrade), which comes from its CPU and chassis.
WITH d AS (
    SELECT id, guid, r.day, hw_temp AS lvl FROM dev, range(0, ${days}) r(day) WHERE in_temp AND active(id, r.day, 7, 0.058)
), v AS (
    SELECT *, lvl + 2 * nz(id, day, 0, 2, 7) AS a FROM d
)
SELECT guid, ${start} + day::INTEGER AS dt, (17280 * (0.1 + 0.9 * u(id, day, 0, 1, 7)))::BIGINT AS nrs,
       a - 3 - 8 * u(id, day, 0, 3, 7) AS min_temp_centigrade, a AS avg_temp_centigrade, a + 10 + 30 * u(id, day, 0, 4, 7) AS max_temp_centigrade, id * 4096 + day AS _ord
FROM v
