package org.telesynth.schema;

import java.util.List;

/**
 * The public value lists of the raw event tables (docs/SCHEMA-events.md). Each comes from public Windows event
 * semantics, not from any data: Microsoft's bug check code reference, NTSTATUS codes, the Kernel-Power 41 event's
 * fields, the WLAN AutoConfig failure reasons. Which of them a real data dictionary would have to confirm is in
 * the document.
 */
public final class EventDomains {
    /** Bug check (stop) codes, as the crash dump and Kernel-Power 41's BugcheckCode give them, plus Other. */
    public static final List<String> BUGCHECK_CODES = List.of(
            "0x0000000A", "0x0000001A", "0x0000001E", "0x0000003B", "0x00000050", "0x0000007E", "0x0000009F", "0x000000D1",
            "0x000000EF", "0x00000116", "0x00000124", "0x00000133", "0x00000139", "0x0000013A", "Other");
    /** Their symbolic names, in the same order (Microsoft's bug check code reference). */
    public static final List<String> BUGCHECK_NAMES = List.of(
            "IRQL_NOT_LESS_OR_EQUAL", "MEMORY_MANAGEMENT", "KMODE_EXCEPTION_NOT_HANDLED", "SYSTEM_SERVICE_EXCEPTION",
            "PAGE_FAULT_IN_NONPAGED_AREA", "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED", "DRIVER_POWER_STATE_FAILURE",
            "DRIVER_IRQL_NOT_LESS_OR_EQUAL", "CRITICAL_PROCESS_DIED", "VIDEO_TDR_FAILURE", "WHEA_UNCORRECTABLE_ERROR",
            "DPC_WATCHDOG_VIOLATION", "KERNEL_SECURITY_CHECK_FAILURE", "KERNEL_MODE_HEAP_CORRUPTION", "Other");
    /** Application Error 1000's exception code: public NTSTATUS values (and the CLR's), plus other. */
    public static final List<String> EXCEPTION_CODES = List.of(
            "0xc0000005", "0xc0000409", "0xc0000374", "0xc00000fd", "0xc000001d", "0xe0434352", "0x80000003", "0xc0000602",
            "0xc000041d", "0x40000015", "other");
    /** Application Hang 1002's hang type. */
    public static final List<String> HANG_TYPES = List.of("Unknown", "Cross-process", "Quiesce");
    /** power_acdc_usage_v4_hist: where the power came from. */
    public static final List<String> POWER_SOURCES = List.of("AC", "DC");
    /** power_acdc_usage_v4_hist: the battery charge bucket (percent), n/a without a battery. */
    public static final List<String> CHARGE_BUCKETS = List.of(
            "0-10", "10-20", "20-30", "30-40", "40-50", "50-60", "60-70", "70-80", "80-90", "90-100", "n/a");
    /** wifi_error: the Wi-Fi adapter's vendor. */
    public static final List<String> WIFI_VENDORS = List.of("Intel", "Realtek", "Qualcomm", "MediaTek", "Broadcom", "Marvell", "Other");
    /** wifi_error: the failure class, after WLAN AutoConfig's reason codes. */
    public static final List<String> WIFI_ERRORS = List.of(
            "AUTH_FAILURE", "ASSOCIATION_FAILURE", "DHCP_TIMEOUT", "DISCONNECT_BY_AP", "DRIVER_RESET", "LOW_SIGNAL", "ROAMING_FAILURE", "OTHER");

    private EventDomains() {
    }
}
