-- The 10 modules named in the most application crashes (Application Error, event 1000), ranked by the devices that saw them.
SELECT faulting_module,
       count(DISTINCT guid) AS number_of_systems,
       sum(errors) AS errors,
       rank() OVER (ORDER BY count(DISTINCT guid) DESC) AS rank
FROM event_app_error_by_app
GROUP BY faulting_module
QUALIFY rank <= 10
ORDER BY rank, faulting_module
