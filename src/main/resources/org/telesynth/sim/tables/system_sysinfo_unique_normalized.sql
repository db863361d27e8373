SELECT guid, chassis AS chassistype, chassis_2in1 AS chassistype_2in1_category, country AS countryname_normalized,
       vendor AS modelvendor_normalized, model AS model_normalized, ram, os, cores AS "#ofcores",
       graphics AS graphicsmanuf, cpuvendor, cpugen AS cpuname, cpucode, cpu_family, lithography AS processornumber,
       screen AS screensize_category, persona, processor_line, vpro AS vpro_enabled, dgfx AS discretegraphics,
       ${start}::TIMESTAMP + to_days(first_day) + to_seconds(floor(u(id, 4094, 0, 1, 0) * 86400)::BIGINT) AS firstreportdate,
       ${start}::TIMESTAMP + to_days(last_day) + to_seconds(floor(u(id, 4094, 0, 2, 0) * 86400)::BIGINT) AS lastreportdate,
       id AS _ord
FROM dev
