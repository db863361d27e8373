-- Time on AC and on battery per device and day: DC time follows the chassis as the battery table does (desktops
-- have none, and an n/a charge bucket), and for mobile devices the device's battery minutes; AC time fills the
-- rest of a day's 2 to 10 hours on. 60 % of the devices report it, on 40 % of their days (and their anchor day).
WITH d AS (
    SELECT id, guid, mobile, dc_minutes, r.day, 3600 * (2 + 8 * u(id, r.day, 0, 1, 26)) AS on_s FROM dev, range(0, ${days}) r(day)
    WHERE u(id, 4094, 0, 2, 26) < 0.6 AND active(id, r.day, 26, 0.4)
), s AS (
    SELECT *, CASE WHEN mobile THEN least(on_s * 0.9, 60 * dc_minutes * exp(0.4 * nz(id, day, 0, 3, 26))) ELSE 0 END AS dc_s FROM d
), r2 AS (
    SELECT id, guid, day, 'AC' AS power_source,
           CASE WHEN mobile THEN ['50-60', '60-70', '70-80', '80-90', '90-100'][1 + floor(5 * u(id, day, 0, 4, 26))::INTEGER] ELSE 'n/a' END
               AS charge_bucket, round(on_s - dc_s)::BIGINT AS duration_s, 0 AS j FROM s
    UNION ALL
    SELECT id, guid, day, 'DC', ['10-20', '20-30', '30-40', '40-50', '50-60', '60-70', '70-80', '80-90'][1 + floor(8 * u(id, day, 0, 5, 26))::INTEGER],
           round(dc_s)::BIGINT, 1 FROM s WHERE dc_s >= 60
)
SELECT guid, ${start} + day::INTEGER AS dt, power_source, charge_bucket, duration_s, (id * 4096 + day) * 2 + j AS _ord FROM r2
