-- Package power per socket (two-socket servers report instance 1 too); a few devices draw extreme power.
SELECT guid, ${start} + r.day::INTEGER AS dt, k.inst::INTEGER AS instance,
       (17280 * (0.2 + 0.8 * u(id, r.day, k.inst, 1, 9)))::BIGINT AS nrs,
       pkg_watts * exp(0.15 * nz(id, r.day, k.inst, 2, 9)) AS mean,
       pkg_watts * exp(0.15 * nz(id, r.day, k.inst, 2, 9)) * (1.3 + u(id, r.day, k.inst, 3, 9)) AS max,
       (id * 4096 + r.day) * 2 + k.inst AS _ord
FROM dev, range(0, ${days}) r(day), range(0, pkg_instances) k(inst)
WHERE in_hwpp AND active(id, r.day, 9, 0.9)
