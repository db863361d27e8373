-- Unexpected shutdowns (Kernel-Power, event 41): desktops (no battery to ride out a power cut) 4x, NUCs 2x, and
-- power-flaky regions 3x. Most carry no bug check (a power loss); a quarter record a held power button.
WITH r AS (
    SELECT id, guid, mobile, least(0.5, 0.0015 * CASE chassis WHEN 'Desktop' THEN 4 WHEN 'Intel NUC/STK' THEN 2 ELSE 1 END
                     * CASE WHEN country IN ('India', 'Pakistan', 'Bangladesh', 'Indonesia', 'Philippines', 'Egypt', 'Viet Nam',
                                             'South Africa', 'Brazil', 'Colombia', 'Peru', 'Ecuador') THEN 3 ELSE 1 END
                     * exp(0.8 * nz(id, 0, 0, 1, 24) - 0.32)) AS rate FROM dev
), d AS (
    SELECT r.*, x.day, u(id, x.day, 0, 2, 24) AS b FROM r, range(0, ${days}) x(day) WHERE u(id, x.day, 0, 0, 24) < rate
), t AS (
    SELECT *, (${start} + day::INTEGER)::TIMESTAMP + to_seconds(floor(86400 * u(id, day, 0, 3, 24))::BIGINT) AS ts FROM d
)
SELECT guid, ts,
       CASE WHEN b < 0.80 THEN 0 WHEN b < 0.88 THEN 159 WHEN b < 0.93 THEN 278 WHEN b < 0.97 THEN 10 ELSE 239 END AS bugcheck_code,
       CASE WHEN u(id, day, 0, 4, 24) < (CASE WHEN mobile THEN 0.75 ELSE 0.92 END) THEN 0
            WHEN u(id, day, 0, 5, 24) < 0.7 THEN 3 ELSE 4 END AS sleep_in_progress,
       CASE WHEN u(id, day, 0, 6, 24) < 0.25 THEN epoch(ts)::BIGINT - 1 - floor(30 * u(id, day, 0, 7, 24))::BIGINT ELSE 0 END
           AS power_button_timestamp,
       id * 4096 + day AS _ord
FROM t
