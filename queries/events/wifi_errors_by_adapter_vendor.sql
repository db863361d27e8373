-- Wi-Fi failures by adapter vendor: devices with a failure, failures per such device and per device-day with one.
SELECT adapter_vendor,
       count(DISTINCT guid) AS number_of_systems,
       round(sum(error_count) * 1.0 / count(DISTINCT guid), 3) AS errors_per_device,
       round(sum(error_count) * 1.0 / count(DISTINCT (guid, dt)), 3) AS errors_per_device_day
FROM event_wifi_error_daily
WHERE adapter_vendor IS NOT NULL
GROUP BY adapter_vendor
ORDER BY number_of_systems DESC, adapter_vendor
