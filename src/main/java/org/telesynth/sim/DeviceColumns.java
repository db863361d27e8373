package org.telesynth.sim;

import java.util.List;

/**
 * Columns of the simulator's internal {@code dev} table: one row per device holding its public-facing
 * attributes (what sysinfo and cpu_metadata show) and the latent story parameters that the child-table SQL
 * expands into rows. Order here is the order {@link DeviceStory} appends in.
 */
final class DeviceColumns {
    static final List<String[]> ALL = List.of(
            c("id", "BIGINT"), c("guid", "VARCHAR"),
            c("chassis", "VARCHAR"), c("chassis_2in1", "VARCHAR"), c("country", "VARCHAR"), c("vendor", "VARCHAR"),
            c("model", "VARCHAR"), c("ram", "DOUBLE"), c("os", "VARCHAR"), c("cores", "VARCHAR"),
            c("graphics", "VARCHAR"), c("cpuvendor", "VARCHAR"), c("cpugen", "VARCHAR"), c("cpucode", "VARCHAR"),
            c("cpu_family", "VARCHAR"), c("lithography", "VARCHAR"), c("screen", "VARCHAR"), c("persona", "VARCHAR"),
            c("processor_line", "VARCHAR"), c("vpro", "VARCHAR"), c("dgfx", "VARCHAR"),
            c("first_day", "INTEGER"), c("last_day", "INTEGER"),
            c("proctech", "VARCHAR"), c("segment", "VARCHAR"), c("codename", "VARCHAR"), c("tdp", "VARCHAR"),
            c("persona_idx", "INTEGER"), c("mobile", "BOOLEAN"), c("intensity", "DOUBLE"),
            // presence flags, one per child table
            c("in_os", "BOOLEAN"), c("in_net", "BOOLEAN"), c("in_mem", "BOOLEAN"), c("in_c0", "BOOLEAN"),
            c("in_psys", "BOOLEAN"), c("in_freq", "BOOLEAN"), c("in_temp", "BOOLEAN"), c("in_hwpp", "BOOLEAN"),
            c("in_batt", "BOOLEAN"), c("in_web", "BOOLEAN"), c("in_onoff", "BOOLEAN"), c("in_disp", "BOOLEAN"),
            c("in_uw", "BOOLEAN"), c("in_frgnd", "BOOLEAN"), c("in_blk", "BOOLEAN"), c("in_mpc", "BOOLEAN"),
            // OS history: up to two intervals; day offsets relative to the window start
            c("os_name1", "VARCHAR"), c("os_code1", "VARCHAR"), c("os_start1", "INTEGER"),
            c("os_name2", "VARCHAR"), c("os_code2", "VARCHAR"), c("os_switch_day", "INTEGER"),
            // per-device levels
            c("net_log_bps", "DOUBLE"), c("net_sent_ratio", "DOUBLE"), c("mem_pct", "DOUBLE"),
            c("hw_watts", "DOUBLE"), c("hw_c0", "DOUBLE"), c("hw_freq", "DOUBLE"), c("hw_temp", "DOUBLE"),
            c("pkg_watts", "DOUBLE"), c("pkg_instances", "INTEGER"),
            c("dc_minutes", "DOUBLE"), c("dc_power_ons", "DOUBLE"),
            c("p_chrome", "DOUBLE"), c("p_edge", "DOUBLE"), c("p_firefox", "DOUBLE"),
            c("on_share", "DOUBLE"), c("off_share", "DOUBLE"), c("mods_share", "DOUBLE"),
            c("ac_share", "DOUBLE"), c("n_ext_displays", "INTEGER"), c("internal_other", "BOOLEAN"),
            c("portfolio", "INTEGER"));

    private DeviceColumns() {
    }

    private static String[] c(String name, String type) {
        return new String[]{name, type};
    }

    static String createTableSql() {
        StringBuilder sb = new StringBuilder("CREATE TABLE dev (");
        for (int i = 0; i < ALL.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(ALL.get(i)[0]).append(' ').append(ALL.get(i)[1]);
        }
        return sb.append(')').toString();
    }
}
