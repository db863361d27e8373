-- Days on battery (mobile devices only): minutes follow the device level (CPU generation x country), so
-- Tiger Lake runs ~3x longer on battery than Coffee Lake and desktops have no rows at all.
WITH d AS (
    SELECT id, guid, r.day, dc_minutes, dc_power_ons,
           60 + 40 * u(id, r.day, 0, 1, 10) AS on_max, 10 + 50 * u(id, r.day, 0, 2, 10) AS drop_on
    FROM dev, range(0, ${days}) r(day) WHERE in_batt AND active(id, r.day, 10, 0.004)
)
SELECT guid, ${start} + day::INTEGER AS dt,
       least(1440, greatest(1, round(dc_minutes * exp(0.5 * nz(id, day, 0, 3, 10) - 0.125))))::BIGINT AS duration_mins,
       greatest(1, round(dc_power_ons + 0.8 * nz(id, day, 0, 4, 10)))::BIGINT AS num_power_ons,
       round(on_max - drop_on)::INTEGER AS min_power_on_battery_percent,
       round(on_max - drop_on / 2)::INTEGER AS avg_power_on_battery_percent,
       round(on_max)::INTEGER AS max_power_on_battery_percent,
       round(greatest(1, on_max - drop_on - 5 - 30 * u(id, day, 0, 5, 10)))::INTEGER AS min_power_off_battery_percent,
       round(greatest(1, on_max - drop_on - 2 - 15 * u(id, day, 0, 5, 10)))::INTEGER AS avg_power_off_battery_percent,
       round(greatest(1, on_max - drop_on))::INTEGER AS max_power_off_battery_percent,
       id * 4096 + day AS _ord
FROM d
