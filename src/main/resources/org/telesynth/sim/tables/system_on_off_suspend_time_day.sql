-- A day split into on / off / modern standby / sleep around the device's shares; modern standby comes from the
-- CPU generation (Tiger Lake ~16 % of the day, Coffee Lake ~0), the day's total is 93.5-100 % of 86,400 s.
WITH d AS (
    SELECT id, guid, r.day,
           86400 * (0.935 + 0.065 * u(id, r.day, 0, 1, 13)) AS total,
           on_share * exp(0.15 * nz(id, r.day, 0, 2, 13)) AS s_on,
           off_share * exp(0.25 * nz(id, r.day, 0, 3, 13)) AS s_off,
           mods_share * exp(0.3 * nz(id, r.day, 0, 4, 13)) AS s_mods,
           greatest(0.02, 1 - on_share - off_share - mods_share) * exp(0.15 * nz(id, r.day, 0, 5, 13)) AS s_sleep
    FROM dev, range(0, ${days}) r(day) WHERE in_onoff AND active(id, r.day, 13, 0.115)
)
SELECT guid, ${start} + day::INTEGER AS dt,
       round(total * s_on / (s_on + s_off + s_mods + s_sleep))::BIGINT AS on_time,
       round(total * s_off / (s_on + s_off + s_mods + s_sleep))::BIGINT AS off_time,
       round(total * s_mods / (s_on + s_off + s_mods + s_sleep))::BIGINT AS mods_time,
       round(total * s_sleep / (s_on + s_off + s_mods + s_sleep))::BIGINT AS sleep_time,
       id * 4096 + day AS _ord
FROM d
