SELECT guid, cpucode, proctech AS processtechnology, lithography, segment AS marketsegment, cpugen,
       codename AS marketcodename, cores AS "#ofcores", tdp AS spec_tdp, id AS _ord
FROM dev
