package org.telesynth.schema;

import java.util.List;

/**
 * Public value lists from the fleet's data dictionary (SCHEMA.md, "P" columns). Being public, they cost no
 * privacy budget: synthesizers may enumerate them freely. Everything else is data and must be paid for.
 */
public final class Domains {
    public static final List<String> CHASSIS = List.of(
            "Notebook", "Desktop", "2 in 1", "Intel NUC/STK", "Server/WS", "Tablet", "Other");
    public static final List<String> CHASSIS_2IN1 = List.of("Convertible", "Detachable", "Unknown");
    /** Country names as spelled in the fleet (several contain commas), plus {@code Other}. */
    public static final List<String> COUNTRIES = List.of(
            "United States of America", "Other", "China", "Brazil", "India", "Germany", "Russian Federation",
            "United Kingdom of Great Britain and Northern Ireland", "Japan", "France", "Turkey", "Korea, Republic of",
            "Mexico", "Canada", "Indonesia", "Italy", "Spain", "Taiwan, Province of China", "Poland", "Australia",
            "Viet Nam", "Thailand", "Netherlands", "Philippines", "Egypt", "Pakistan", "Bangladesh", "Colombia",
            "Argentina", "Malaysia", "Ukraine", "South Africa", "Saudi Arabia", "Romania", "Peru", "Chile",
            "Belgium", "Czech Republic", "Portugal", "Sweden", "Switzerland", "Israel", "Hungary", "Greece",
            "Austria", "Hong Kong", "Singapore", "United Arab Emirates", "Denmark", "Norway", "Ecuador");
    public static final List<String> VENDORS = List.of(
            "HP", "Dell", "Lenovo", "Acer", "Asus", "MSI", "Gigabyte", "Samsung", "Microsoft", "Toshiba",
            "Fujitsu", "Huawei", "Xiaomi", "Razer", "LG", "Panasonic", "Dynabook", "Medion", "Intel", "Other",
            "Unknown");
    public static final List<String> OS = List.of("Win10", "Win11", "Win8.1", "Win7", "Win Server", "n/a");
    public static final List<String> GRAPHICS = List.of("Intel", "Nvidia", "AMD", "Unknown");
    public static final List<String> CPU_VENDORS = List.of("Intel", "AMD");
    public static final List<String> CPU_FAMILIES = List.of(
            "Core i3", "Core i5", "Core i7", "Core i9", "Pentium/Celeron", "Xeon", "Atom", "Other");
    /** CPU generation / class; the same list serves sysinfo.cpuname and cpu_metadata.cpugen. */
    public static final List<String> CPU_GENERATIONS = List.of(
            "6th Gen i3", "6th Gen i5", "6th Gen i7", "7th Gen i3", "7th Gen i5", "7th Gen i7",
            "8th Gen i3", "8th Gen i5", "8th Gen i7", "9th Gen i3", "9th Gen i5", "9th Gen i7", "9th Gen i9",
            "10th Gen i3", "10th Gen i5", "10th Gen i7", "10th Gen i9", "11th Gen i3", "11th Gen i5",
            "11th Gen i7", "11th Gen i9", "12th Gen i3", "12th Gen i5", "12th Gen i7", "12th Gen i9",
            "13th Gen i5", "13th Gen i7", "Pentium/Celeron-Bay Trail", "Pentium/Celeron-Gemini Lake Refresh",
            "Pentium/Celeron-Coffee Lake", "Pentium/Celeron-Comet Lake", "Pentium/Celeron-Jasper Lake",
            "Pentium/Celeron-Whiskey Lake", "Atom", "Xeon", "Unknown");
    public static final List<String> CODENAMES = List.of(
            "Skylake", "Kaby Lake", "Kaby Lake R", "Coffee Lake", "Whiskey Lake", "Comet Lake", "Ice Lake",
            "Tiger Lake", "Rocket Lake", "Alder Lake", "Raptor Lake", "Bay Trail", "Gemini Lake Refresh",
            "Jasper Lake", "Cherry Trail", "Unknown");
    public static final List<String> SCREEN_SIZES = List.of(
            "11x", "12x", "13x", "14x", "15x", "16x", "17x", "21x", "23x", ">24x", "Unknown");
    public static final List<String> PERSONAS = List.of(
            "Web User", "Casual User", "Unknown", "Gamer", "Office/Productivity", "Casual Gamer", "Communication",
            "Content Creator/IT", "Entertainment", "Win Store App User", "File & Network Sharer");
    public static final List<String> PROCESSOR_LINES = List.of(
            "U-Processor", "H-Processor", "M-Processor", "Y-Processor", "S-Processor", "Unknown");
    public static final List<String> YES_NO = List.of("Y", "N");
    public static final List<String> MARKET_SEGMENTS = List.of("MBL", "DT", "EMB", "SRV", "WS", "Unknown");
    public static final List<String> OS_NAMES = List.of("Win10", "Win11", "Win7", "Win8", "Win8.1", "Unknown");
    public static final List<String> OS_CODENAMES = List.of(
            "RS1", "RS2", "RS3", "RS4", "RS5", "19H1", "19H2", "20H1", "20H2", "21H1", "21H2", "22H2", "23H2");
    public static final List<String> NETWORK_INPUTS = List.of(
            "OS:NETWORK INTERFACE::BYTES RECEIVED/SEC::", "OS:NETWORK INTERFACE::BYTES SENT/SEC::");
    public static final List<String> BROWSERS = List.of("chrome", "edge", "firefox");
    /** The 28 web categories as pivot column names; usage rows split each into parent and sub category. */
    public static final List<String> WEB_CATEGORIES = List.of(
            "content_creation_photo_edit_creation", "content_creation_video_audio_edit_creation",
            "content_creation_web_design_development", "education", "entertainment_music_audio_streaming",
            "entertainment_other", "entertainment_video_streaming", "finance", "games_other", "games_video_games",
            "mail", "news", "unclassified", "private", "productivity_crm", "productivity_other",
            "productivity_presentations", "productivity_programming", "productivity_project_management",
            "productivity_spreadsheets", "productivity_word_processing", "recreation_travel", "reference", "search",
            "shopping", "social_social_network", "social_communication", "social_communication_live");
    public static final List<String> WEB_PARENT_CATEGORIES = List.of(
            "content_creation", "education", "entertainment", "finance", "games", "mail", "news", "unclassified",
            "private", "productivity", "recreation", "reference", "search", "shopping", "social");
    public static final List<String> WEB_SUB_CATEGORIES = List.of(
            "photo_edit_creation", "video_audio_edit_creation", "web_design_development", "education",
            "music_audio_streaming", "other", "video_streaming", "finance", "video_games", "mail", "news",
            "unclassified", "private", "crm", "presentations", "programming", "project_management", "spreadsheets",
            "word_processing", "travel", "reference", "search", "shopping", "social_network", "communication",
            "communication_live");
    public static final List<String> CONNECTION_TYPES = List.of(
            "INTERNAL", "HDMI", "DISPLAYPORT_EXTERNAL", "DISPLAYPORT_EMBEDDED", "DVI", "HD15", "LVDS", "MIRACAST",
            "INDIRECT_WIRED", "INDIRECT_VIRTUAL", "COMPOSITE_VIDEO", "OTHER");
    public static final List<String> DISPLAY_VENDORS = List.of(
            "LG", "Dell", "Samsung", "HP", "BenQ", "Sony", "Asus", "Acer", "Philips", "MI", "MSI", "Hisense", "TCL",
            "Viewsonic", "Redmi", "AOC", "Lenovo", "Oneplus", "Sansui", "VIZIO", "Other", "Unknown");
    public static final List<String> WAIT_EVENTS = List.of(
            "WAIT", "APPSTARTING", "TOTAL_NON_WAIT_EVENTS", "TOTAL_DISCARDED_WAIT_EVENTS");
    public static final List<String> AC_DC_EVENTS = List.of(
            "AC_DISPLAY_ON", "AC_DISPLAY_OFF", "AC_DISPLAY_UN", "DC_DISPLAY_ON", "DC_DISPLAY_OFF", "DC_DISPLAY_UN",
            "UN_DISPLAY_ON", "UN_DISPLAY_OFF", "UN_DISPLAY_UN", "NA", "unknown");
    public static final List<String> ACDC = List.of("AC", "DC", "UN", "NA");
    public static final List<String> APP_TYPES = List.of(
            "Communication", "Developer tools", "Entertainment", "Gaming", "Gaming auxiliary",
            "Installers + Updaters", "Lifestyle", "Multimedia", "Other", "Productivity", "Security", "Social",
            "System", "Utilities + tools", "Web Browsing");
    public static final List<String> BLOCKER_TYPES = List.of(
            "Fx Device", "Activator", "PDC Phase", "PEP Pre-Veto", "Processor", "Audio Activity");
    public static final List<String> ACTIVITY_LEVELS = List.of("high", "moderate", "low");
    public static final List<String> POWER_USERS = List.of(
            "SYSTEM", "LOCAL SERVICE", "NETWORK SERVICE", "NONE", "UserIdMask");

    private Domains() {
    }
}
