-- Two rows (received, sent) per active day. A device's byte rate is its own heavy-tailed level (Xeon servers
-- two orders of magnitude up, a few extreme outliers); sent = received x the device's sent ratio (servers ~1).
WITH d AS (
    SELECT id, guid, r.day, net_log_bps, net_sent_ratio FROM dev, range(0, ${days}) r(day)
    WHERE in_net AND active(id, r.day, 2, 0.21)
), rows AS (
    SELECT d.*, k.j, pow(10, net_log_bps + 0.3 * nz(id, day, 0, 1, 2)) AS recv_bps FROM d, range(0, 2) k(j)
)
SELECT guid, ${start} + day::INTEGER AS dt,
       CASE WHEN j = 0 THEN 'OS:NETWORK INTERFACE::BYTES RECEIVED/SEC::' ELSE 'OS:NETWORK INTERFACE::BYTES SENT/SEC::' END AS input_desc,
       (17280 * (0.15 + 0.85 * u(id, day, 0, 2, 2)))::BIGINT AS nrs,
       a * (0.01 + 0.2 * u(id, day, j, 3, 2)) AS min_bytes_sec, a AS avg_bytes_sec,
       a * (2 + 10 * u(id, day, j, 4, 2)) AS max_bytes_sec,
       (id * 4096 + day) * 2 + j AS _ord
FROM (SELECT *, CASE WHEN j = 0 THEN recv_bps ELSE recv_bps * net_sent_ratio * exp(0.2 * nz(id, day, 1, 5, 2)) END AS a FROM rows)
