package org.telesynth.export;

import org.telesynth.BadInputException;
import org.telesynth.io.Duck;

import java.util.Locale;
import java.util.Map;

/** The file format of an export: what each table's file is called and the DuckDB COPY options that write it. */
public enum ExportFormat {
    /**
     * Header line, comma, RFC 4180 quoting, empty field for NULL. Dates and timestamps have one fixed format each
     * (microseconds always written) so that a reader needs one {@code datetime_format} per column, and nothing of a
     * timestamp is lost.
     */
    CSV("csv", "FORMAT csv, HEADER true, DELIMITER ',', DATEFORMAT '" + ExportFormat.DATE_FORMAT
            + "', TIMESTAMPFORMAT '" + ExportFormat.TIMESTAMP_FORMAT + "'"),
    /** ZSTD Parquet, typed as the contract says, as load and every stage write it. */
    PARQUET("parquet", "FORMAT parquet, COMPRESSION zstd");

    /** strftime format of DATE values in a CSV export (and in metadata.json). */
    public static final String DATE_FORMAT = "%Y-%m-%d";
    /** strftime format of TIMESTAMP values in a CSV export (and in metadata.json): microseconds, always six digits. */
    public static final String TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f";

    private final String extension;
    private final String copyOptions;

    ExportFormat(String extension, String copyOptions) {
        this.extension = extension;
        this.copyOptions = copyOptions;
    }

    /** The format named on the command line ({@code csv} or {@code parquet}, any case). */
    public static ExportFormat of(String name) {
        for (ExportFormat f : values()) {
            if (f.extension.equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new BadInputException("--format must be csv or parquet, not " + name);
    }

    /** The file extension, also the format's name: {@code csv} or {@code parquet}. */
    public String extension() {
        return extension;
    }

    /**
     * The options clause of {@code COPY ... TO file}. A Parquet file keeps the key-value metadata of its source
     * ({@code footer}: a synthetic table's provenance); CSV has nowhere to put it, the copied manifest says it instead.
     */
    String copyOptions(Map<String, String> footer) {
        return "(" + copyOptions + (this == PARQUET && !footer.isEmpty() ? ", " + Duck.kvMetadata(footer) : "") + ")";
    }

    /** The format that is not this one. */
    ExportFormat other() {
        return this == CSV ? PARQUET : CSV;
    }
}
