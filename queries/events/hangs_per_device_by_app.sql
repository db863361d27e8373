-- Per application with at least 20 hanging devices: hangs per hanging device and the mean hang length (Application Hang, event 1002).
SELECT app_name,
       count(DISTINCT guid) AS number_of_systems,
       round(sum(hangs) * 1.0 / count(DISTINCT guid), 3) AS hangs_per_device,
       round(sum(hang_seconds) * 1.0 / nullif(sum(hangs), 0), 1) AS avg_hang_seconds
FROM event_app_hang_by_app
GROUP BY app_name
HAVING count(DISTINCT guid) >= 20
ORDER BY number_of_systems DESC, app_name
