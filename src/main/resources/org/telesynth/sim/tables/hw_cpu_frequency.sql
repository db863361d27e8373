-- CPU frequency per device and day around the device's level, which follows its CPU (generation and segment)
-- and chassis (desktops run 1.25 / 0.85 = 1.47x the frequency of mobile parts of the same model). 40 % of the
-- devices report it, on 30 % of their days (and their anchor day).
WITH d AS (
    SELECT id, guid, r.day, hw_freq AS lvl FROM dev, range(0, ${days}) r(day)
    WHERE u(id, 4094, 0, 1, 25) < 0.4 AND active(id, r.day, 25, 0.3)
), v AS (
    SELECT *, lvl * exp(0.06 * nz(id, day, 0, 2, 25)) AS a FROM d
)
SELECT guid, ${start} + day::INTEGER AS dt, (17280 * (0.1 + 0.9 * u(id, day, 0, 3, 25)))::BIGINT AS nrs,
       a * (0.25 + 0.25 * u(id, day, 0, 4, 25)) AS min_freq_mhz, a AS avg_freq_mhz, a * (1.2 + 0.5 * u(id, day, 0, 5, 25)) AS max_freq_mhz,
       id * 4096 + day AS _ord
FROM v
