SELECT w.guid, ${start} + w.day::INTEGER AS dt, CASE w.b WHEN 0 THEN 'chrome' WHEN 1 THEN 'edge' ELSE 'firefox' END AS browser,
       c.parent AS parent_category, c.sub AS sub_category, w.duration_ms,
       (1 + floor(w.duration_ms / 60000.0 * u(w.id, w.day, w.b * 64 + w.j, 5, 11)))::INTEGER AS page_load_count,
       (1 + floor(u(w.id, w.day, w.b * 64 + w.j, 6, 11) * 4))::INTEGER AS site_count,
       (1 + floor(u(w.id, w.day, w.b * 64 + w.j, 6, 11) * 3))::INTEGER AS domain_count,
       (1 + floor(w.duration_ms / 30000.0 * u(w.id, w.day, w.b * 64 + w.j, 7, 11)))::INTEGER AS page_visit_count,
       ((w.id * 4096 + w.day) * 4 + w.b) * 64 + list_position(${categories}, w.category) AS _ord
FROM web_rows w JOIN web_cat c USING (category)
