-- Each display of a device is stable over days (its vendor, connection and resolution are drawn from
-- day-independent keys): display 0 is the built-in panel for mobile devices (vendor mostly reported as
-- "Other"), further displays are external monitors from named vendors. A few snapshots per display-day.
WITH k AS (
    SELECT id, guid, mobile, internal_other, ac_share, k.k, n_ext_displays
    FROM dev, range(0, 1 + n_ext_displays) k(k) WHERE in_disp
), disp AS (
    SELECT k.*, CASE WHEN k.k = 0 AND mobile THEN 0 ELSE 1 END AS kind,
           CASE WHEN k.k = 0 AND internal_other THEN 'Other'
                WHEN k.k > 0 AND u(id, 4000, k.k, 1, 14) < 0.1 THEN 'Other'
                ELSE v.vendor END AS vendor_name,
           floor(u(id, 4000, k.k, 3, 14) * 4096)::INTEGER AS dslot,
           u(id, 4000, k.k, 4, 14) < 0.02 AS null_conn,
           CASE WHEN u(id, 4000, k.k, 5, 14) < 0.1 THEN 144.0 WHEN u(id, 4000, k.k, 5, 14) < 0.15 THEN 75.0 ELSE 60.0 END AS refresh_rate
    FROM k JOIN vendor_slots v ON v.slot = floor(u(id, 4000, k.k, 2, 14) * 4096)
), days AS (
    SELECT disp.*, r.day FROM disp, range(0, ${days}) r(day) WHERE active(id, r.day, 14, 0.7)
), snaps AS (
    SELECT days.*, s.snap FROM days, range(0, 1 + floor(u(id, day, k, 6, 14) * 3.6)::INTEGER) s(snap)
)
SELECT guid, ${start} + day::INTEGER AS dt,
       (${start} + day::INTEGER)::TIMESTAMP + to_seconds((snap * 21600 + floor(u(id, day, k * 8 + snap, 7, 14) * 21600))::BIGINT) AS ts,
       (k + 1)::BIGINT AS display_id, (id % 7 + 10000)::BIGINT AS adapter_id,
       CASE WHEN snaps.kind = 0 THEN 'eDP' || (k + 1) ELSE 'DP' || (k + 1) END AS port, k::BIGINT AS sink_index,
       CASE WHEN null_conn THEN NULL ELSE c.conn END AS connection_type, vendor_name, 1::BIGINT AS status,
       CASE WHEN u(id, day, k * 8 + snap, 8, 14) < 0.01 THEN 0 ELSE c.width END AS resolution_width,
       CASE WHEN u(id, day, k * 8 + snap, 8, 14) < 0.01 THEN 0 ELSE c.height END AS resolution_heigth,
       refresh_rate,
       round(c.ac_s * exp(0.5 * nz(id, day, k * 8 + snap, 9, 14) - 0.125))::BIGINT AS duration_ac,
       CASE WHEN mobile THEN round(c.dc_s * exp(0.5 * nz(id, day, k * 8 + snap, 10, 14) - 0.125)) ELSE 0 END::BIGINT AS duration_dc,
       ((id * 4096 + day) * 4 + k) * 8 + snap AS _ord
FROM snaps JOIN disp_slots c ON c.kind = snaps.kind AND c.slot = snaps.dslot
