-- Wi-Fi failures per device and day: every mobile device and 40 % of the others have Wi-Fi, from one adapter
-- vendor (Intel 55 %, Realtek 20 %, Qualcomm 10 %, MediaTek 8 %, Broadcom 4 %, Marvell 1 %, Other 2 %); the rate
-- follows the vendor (Realtek 2.5x, MediaTek 2x, Other 1.8x, Broadcom 1.5x, Qualcomm 1.3x, Marvell 1.2x Intel's)
-- and the country (1.8x in the power-flaky regions of Kernel-Power 41), with a heavy tail (lognormal, sigma 1).
WITH w AS (
    SELECT id, guid, country, u(id, 4094, 0, 1, 27) AS v FROM dev WHERE mobile OR u(id, 4094, 0, 2, 27) < 0.4
), a AS (
    SELECT *, CASE WHEN v < 0.55 THEN 'Intel' WHEN v < 0.75 THEN 'Realtek' WHEN v < 0.85 THEN 'Qualcomm' WHEN v < 0.93 THEN 'MediaTek'
                   WHEN v < 0.97 THEN 'Broadcom' WHEN v < 0.98 THEN 'Marvell' ELSE 'Other' END AS vendor FROM w
), r AS (
    SELECT *, least(0.8, 0.02 * CASE vendor WHEN 'Realtek' THEN 2.5 WHEN 'MediaTek' THEN 2.0 WHEN 'Other' THEN 1.8 WHEN 'Broadcom' THEN 1.5
                                            WHEN 'Qualcomm' THEN 1.3 WHEN 'Marvell' THEN 1.2 ELSE 1.0 END
                     * CASE WHEN country IN ('India', 'Pakistan', 'Bangladesh', 'Indonesia', 'Philippines', 'Egypt', 'Viet Nam',
                                             'South Africa', 'Brazil', 'Colombia', 'Peru', 'Ecuador') THEN 1.8 ELSE 1 END
                     * exp(1.0 * nz(id, 0, 0, 3, 27) - 0.5)) AS rate FROM a
), d AS (
    SELECT r.*, x.day, u(id, x.day, 0, 4, 27) AS e FROM r, range(0, ${days}) x(day) WHERE u(id, x.day, 0, 0, 27) < rate
)
SELECT guid, ${start} + day::INTEGER AS dt, vendor AS adapter_vendor,
       CASE WHEN e < 0.22 THEN 'DISCONNECT_BY_AP' WHEN e < 0.40 THEN 'AUTH_FAILURE' WHEN e < 0.55 THEN 'LOW_SIGNAL'
            WHEN e < 0.68 THEN 'DHCP_TIMEOUT' WHEN e < 0.80 THEN 'ASSOCIATION_FAILURE' WHEN e < 0.89 THEN 'ROAMING_FAILURE'
            WHEN e < 0.96 THEN 'DRIVER_RESET' ELSE 'OTHER' END AS error_code,
       (1 + floor(exp(0.9 * nz(id, day, 0, 5, 27))))::BIGINT AS error_count,
       id * 4096 + day AS _ord
FROM d
